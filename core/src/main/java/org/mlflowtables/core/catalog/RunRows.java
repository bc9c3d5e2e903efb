package org.mlflowtables.core.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.FileInfo;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.ModelInput;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunInfo;

/** The row mappings of the tables read from runs, in the column order of their entries. */
final class RunRows {
  private static final String RUN_NAME_TAG = "mlflow.runName";

  private RunRows() {}

  /**
   * A runs row. {@code run_name} is the {@code mlflow.runName} tag, which is what MLflow's filters
   * on run_name read: a run whose tag was deleted has no name here, as it has none to a search.
   */
  static Object[] run(Run r) {
    RunInfo i = r.info();
    Map<String, String> tags = KeyValue.toMap(r.data().tags());
    return new Object[] {i.runId(), tags.get(RUN_NAME_TAG), i.experimentId(), i.userId(),
        i.status(), i.startTime(), i.endTime(), i.artifactUri(), i.lifecycleStage(),
        latestValues(r.data().metrics()), KeyValue.toMap(r.data().params()), tags};
  }

  /** search-runs already sends each key's latest point; a map keeps the last one per key. */
  private static Map<String, Double> latestValues(List<Metric> metrics) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      m.put(metric.key(), metric.value());
    }
    return m;
  }

  /** A row of {@code metrics} or {@code latest_metrics} (the two share their columns). */
  static Object[] metricPoint(String runId, String experimentId, Metric m) {
    return new Object[] {runId, experimentId, m.key(), m.value(), m.timestamp(), m.step(),
        m.modelId(), m.datasetName(), m.datasetDigest()};
  }

  /** One row per key of a run's params or tags: run_id, experiment_id, key, value. */
  static void keyValues(Run r, List<KeyValue> entries, List<Object[]> out) {
    for (KeyValue kv : entries) {
      out.add(new Object[] {r.info().runId(), r.info().experimentId(), kv.key(), kv.value()});
    }
  }

  /** One row per dataset input and per model input of a run. */
  static void inputs(Run r, List<Object[]> out) {
    String runId = r.info().runId();
    String experimentId = r.info().experimentId();
    for (DatasetInput in : r.inputs().datasetInputs()) {
      var d = in.dataset();
      out.add(new Object[] {runId, experimentId, "dataset", d == null ? null : d.name(),
          d == null ? null : d.digest(), d == null ? null : d.sourceType(),
          d == null ? null : d.source(), d == null ? null : d.schema(),
          d == null ? null : d.profile(), null, KeyValue.toMap(in.tags())});
    }
    for (ModelInput in : r.inputs().modelInputs()) {
      out.add(new Object[] {runId, experimentId, "model", null, null, null, null, null, null,
          in.modelId(), Map.of()});
    }
  }

  /** What every model row of run_inputs has: no dataset column and no tag. */
  static Map<String, Object> modelInputRow() {
    Map<String, Object> m = new HashMap<>();
    m.put("kind", "model");
    for (String c : List.of("dataset_name", "dataset_digest", "source_type", "source", "schema",
        "profile")) {
      m.put(c, null);
    }
    m.put("tags", Map.of());
    return m;
  }

  /**
   * A run_artifacts row. MLflow leaves out a size of 0 (and a directory's), so a file without one
   * is 0 bytes, as MLflow's own client reads it; a directory has none.
   */
  static void artifact(RunArtifact a, List<Object[]> out) {
    FileInfo f = a.file();
    boolean dir = Boolean.TRUE.equals(f.isDir());
    Long size = dir ? null : f.fileSize() == null ? Long.valueOf(0) : f.fileSize();
    out.add(new Object[] {a.runId(), a.experimentId(), f.path(), dir, size});
  }
}
