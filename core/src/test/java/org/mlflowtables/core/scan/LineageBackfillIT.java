package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.WriteResult;

/** Evaluation back-fills per model and dataset land with their lineage, exactly once. */
@ExtendWith(MlflowServerExtension.class)
class LineageBackfillIT {

  @Test
  void pointsWithModelAndDatasetShowInLoggedModelMetricsAndPythonOnce(MlflowServer server) {
    MlflowConfig config = MlflowConfig.from(Map.of("uri", server.uri()), Map.of());
    MlflowClient client = MlflowClient.create(config);
    String exp = client.createExperiment("ln-eval", null, Map.of());
    String runId = client.createRun(exp, "ln-run", null, Map.of()).info().runId();
    String modelId = server.runPython(Duration.ofMinutes(1), "-c",
        "import mlflow; print(mlflow.MlflowClient().create_logged_model('" + exp
            + "', name='ln-model', source_run_id='" + runId + "').model_id)").trim();
    List<MetricRow> rows = new ArrayList<>();
    for (int step = 0; step < 50; step++) {
      rows.add(MetricRow.of(runId, "eval_accuracy", 0.5 + step / 100.0, 1_000L + step, step)
          .withLineage(modelId, "holdout", "d1g3st"));
      rows.add(MetricRow.of(runId, "eval_accuracy", 0.4 + step / 100.0, 5_000L + step, step)
          .withLineage(modelId, "train", "tr41n"));
    }
    WriteResult first;
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      first = w.flush();
    }
    WriteResult second;
    try (LogBatchWriter w = LogBatchWriter.create(client)) {
      w.addAll(rows);
      second = w.flush();
    }
    assertEquals(100, first.pointsWritten());
    assertEquals(0, second.pointsWritten(), "a re-run adds nothing");

    Set<String> expected = new HashSet<>();
    for (MetricRow r : rows) {
      expected.add(r.datasetName() + "/" + r.datasetDigest() + "/" + r.step() + "=" + r.value());
    }
    Set<String> viaTable = new HashSet<>();
    ScanRequest request = new ScanRequest("logged_model_metrics",
        List.of(new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ, new Literal(exp))),
        List.of(), null);
    List<List<Object>> tableRows = new ArrayList<>();
    try (RowIterator it = ScanPlanner.plan(config, request).openAll(client)) {
      it.forEachRemaining(r -> tableRows.add(Arrays.asList(r)));
    }
    for (List<Object> r : tableRows) {
      assertEquals(modelId, r.get(0));
      assertEquals(runId, r.get(2));
      viaTable.add(r.get(7) + "/" + r.get(8) + "/" + r.get(6) + "=" + r.get(4));
    }
    assertEquals(100, tableRows.size());
    assertEquals(expected, viaTable);

    String python = server.runPython(Duration.ofMinutes(1), "-c", String.join("\n",
        "import mlflow",
        "m = mlflow.MlflowClient().get_logged_model('" + modelId + "')",
        "for p in m.metrics: print('%s/%s/%d=%r' % (p.dataset_name, p.dataset_digest, p.step,"
            + " p.value))"));
    Set<String> viaPython = new HashSet<>(List.of(python.trim().split("\n")));
    assertEquals(expected, viaPython);
  }
}
