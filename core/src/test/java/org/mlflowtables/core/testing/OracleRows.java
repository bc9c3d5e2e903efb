package org.mlflowtables.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mlflowtables.core.catalog.Tables;

/**
 * The oracle (what MLflow's Python client returned for the fixture) as table rows in core's column
 * order and value types, so that any engine's rows can be compared with it as multisets.
 */
public final class OracleRows {
  private OracleRows() {}

  /** Every row of a table, for the runs in the oracle (which holds all view types). */
  public static List<List<Object>> rows(Oracle o, String table) {
    List<Object[]> rows = new ArrayList<>();
    switch (Tables.get(table).name()) {
      case "experiments" -> o.experiments().forEach(e -> rows.add(new Object[] {e.experimentId(),
          e.name(), e.artifactLocation(), e.lifecycleStage(), e.creationTime(),
          e.lastUpdateTime(), e.tags()}));
      case "runs" -> o.runs().forEach(r -> rows.add(new Object[] {r.runId(), r.runName(),
          r.experimentId(), r.userId(), r.status(), r.startTime(), r.endTime(), r.artifactUri(),
          r.lifecycleStage(), r.metrics(), r.params(), r.tags()}));
      case "latest_metrics" -> o.latestMetrics().forEach(p -> rows.add(point(p)));
      case "metrics" -> o.metricHistory().forEach(p -> rows.add(point(p)));
      case "params" -> o.params().forEach(e -> rows.add(entry(e)));
      case "tags" -> o.tags().forEach(e -> rows.add(entry(e)));
      case "run_inputs" -> o.runInputs().forEach(i -> rows.add(new Object[] {i.runId(),
          i.experimentId(), i.kind(), i.datasetName(), i.datasetDigest(), i.sourceType(),
          i.source(), i.schema(), i.profile(), i.modelId(), i.tags()}));
      case "registered_models" -> o.registeredModels().forEach(m -> rows.add(new Object[] {
          m.name(), n(m.description()), m.creationTime(), m.lastUpdatedTime(), n(m.userId()),
          m.tags(), m.aliases()}));
      case "model_versions" -> o.modelVersions().forEach(v -> rows.add(new Object[] {v.name(),
          v.version(), v.creationTime(), v.lastUpdatedTime(), n(v.userId()), v.currentStage(),
          n(v.description()), v.source(), n(v.runId()), v.status(), n(v.statusMessage()),
          n(v.runLink()), v.tags(), v.aliases().stream().sorted().toList()}));
      case "logged_models" -> o.loggedModels().forEach(m -> rows.add(new Object[] {m.modelId(),
          m.experimentId(), m.name(), m.artifactUri(), m.status(), n(m.statusMessage()),
          n(m.modelType()), n(m.sourceRunId()), null, m.creationTime(), m.lastUpdatedTime(),
          m.tags(), m.params(), m.latestMetrics()}));
      case "logged_model_metrics" -> o.loggedModels().forEach(m -> m.metrics().forEach(p ->
          rows.add(new Object[] {m.modelId(), m.experimentId(), p.runId(), p.key(), p.value(),
              p.timestamp(), p.step(), p.datasetName(), p.datasetDigest()})));
      case "traces" -> o.traces().forEach(t -> rows.add(new Object[] {t.traceId(),
          t.experimentId(), t.requestTime(), t.executionDuration(), t.state(),
          n(t.requestPreview()), n(t.responsePreview()), n(t.clientRequestId()), t.tags(),
          t.metadata(), t.runId(), t.tokenUsage().get("input_tokens"),
          t.tokenUsage().get("output_tokens"), t.tokenUsage().get("total_tokens")}));
      case "trace_spans" -> o.traces().forEach(t -> t.spans().forEach(s -> rows.add(
          OracleJson.spanRow(t, s))));
      case "assessments" -> o.traces().forEach(t -> t.assessments().forEach(a -> rows.add(
          OracleJson.assessmentRow(t, a))));
      case "run_artifacts" -> o.runArtifacts().forEach(a -> rows.add(new Object[] {a.runId(),
          o.runById(a.runId()).experimentId(), a.path(), a.isDir(), a.fileSize()}));
      default -> throw new IllegalArgumentException("no oracle rows for " + table);
    }
    List<List<Object>> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(Arrays.asList(r)));
    return out;
  }

  /**
   * The Python client turns an absent string attribute into "" (the protobuf default); the tables
   * read it as NULL, since over REST absent and empty look alike.
   */
  static String n(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static Object[] point(Oracle.MetricPoint p) {
    return new Object[] {p.runId(), p.experimentId(), p.key(), p.value(), p.timestamp(), p.step(),
        p.modelId(), p.datasetName(), p.datasetDigest()};
  }

  private static Object[] entry(Oracle.RunEntry e) {
    return new Object[] {e.runId(), e.experimentId(), e.key(), e.value()};
  }

  /** Counts of each distinct row: two row lists are equal multisets when these maps are equal. */
  public static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
    Map<List<Object>, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  /** Keeps the rows whose column {@code index} value passes {@code keep}. */
  public static List<List<Object>> where(List<List<Object>> rows, int index,
      Function<Object, Boolean> keep) {
    return rows.stream().filter(r -> keep.apply(r.get(index))).toList();
  }
}
