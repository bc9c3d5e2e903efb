package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.LoggedModelInfo;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.ModelInput;
import org.mlflowtables.core.client.model.ModelVersion;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.RegisteredModelAlias;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunInfo;

/**
 * Turns MLflow entities into table rows, in the column order of {@link
 * org.mlflowtables.core.catalog.Tables} (checked by a test). The one place that knows how an
 * entity's fields map to columns.
 */
final class EntityRows {
  private EntityRows() {}

  static Object[] experiment(Experiment e) {
    return new Object[] {e.experimentId(), e.name(), e.artifactLocation(), e.lifecycleStage(),
        e.creationTime(), e.lastUpdateTime(), KeyValue.toMap(e.tags())};
  }

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

  private static final String RUN_NAME_TAG = "mlflow.runName";

  /** search-runs already sends each key's latest point; a map keeps the last one per key. */
  private static Map<String, Double> latestValues(List<Metric> metrics) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      m.put(metric.key(), metric.value());
    }
    return m;
  }

  static List<Object[]> latestMetrics(Run r) {
    List<Object[]> rows = new ArrayList<>(r.data().metrics().size());
    for (Metric m : r.data().metrics()) {
      rows.add(metricPoint(r.info().runId(), r.info().experimentId(), m));
    }
    return rows;
  }

  /** A row of {@code metrics} or {@code latest_metrics} (the two share their columns). */
  static Object[] metricPoint(String runId, String experimentId, Metric m) {
    return new Object[] {runId, experimentId, m.key(), m.value(), m.timestamp(), m.step(),
        m.modelId(), m.datasetName(), m.datasetDigest()};
  }

  static List<Object[]> params(Run r) {
    return keyValueRows(r, r.data().params());
  }

  static List<Object[]> tags(Run r) {
    return keyValueRows(r, r.data().tags());
  }

  private static List<Object[]> keyValueRows(Run r, List<KeyValue> entries) {
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (KeyValue kv : entries) {
      rows.add(new Object[] {r.info().runId(), r.info().experimentId(), kv.key(), kv.value()});
    }
    return rows;
  }

  static List<Object[]> runInputs(Run r) {
    String runId = r.info().runId();
    String experimentId = r.info().experimentId();
    List<Object[]> rows = new ArrayList<>();
    for (DatasetInput in : r.inputs().datasetInputs()) {
      var d = in.dataset();
      rows.add(new Object[] {runId, experimentId, "dataset", d == null ? null : d.name(),
          d == null ? null : d.digest(), d == null ? null : d.sourceType(),
          d == null ? null : d.source(), d == null ? null : d.schema(),
          d == null ? null : d.profile(), null, KeyValue.toMap(in.tags())});
    }
    for (ModelInput in : r.inputs().modelInputs()) {
      rows.add(new Object[] {runId, experimentId, "model", null, null, null, null, null, null,
          in.modelId(), Map.of()});
    }
    return rows;
  }

  static Object[] registeredModel(RegisteredModel m) {
    Map<String, String> aliases = new LinkedHashMap<>();
    if (m.aliases() != null) {
      for (RegisteredModelAlias a : m.aliases()) {
        aliases.put(a.alias(), a.version());
      }
    }
    return new Object[] {m.name(), emptyToNull(m.description()), m.creationTimestamp(),
        m.lastUpdatedTimestamp(), emptyToNull(m.userId()), KeyValue.toMap(m.tags()), aliases};
  }

  /**
   * A model version row. search-model-versions leaves out aliases, so they come from the
   * registered model ({@code aliases}: alias to version), sorted by name.
   */
  static Object[] modelVersion(ModelVersion v, Map<String, String> modelAliases) {
    List<String> aliases = new ArrayList<>();
    if (v.aliases() != null && !v.aliases().isEmpty()) {
      aliases.addAll(v.aliases());
    } else {
      modelAliases.forEach((alias, version) -> {
        if (version.equals(v.version())) {
          aliases.add(alias);
        }
      });
    }
    aliases.sort(null);
    return new Object[] {v.name(), v.version() == null ? null : Long.valueOf(v.version()),
        v.creationTimestamp(), v.lastUpdatedTimestamp(), emptyToNull(v.userId()),
        v.currentStage(), emptyToNull(v.description()), v.source(), emptyToNull(v.runId()),
        v.status(), emptyToNull(v.statusMessage()), emptyToNull(v.runLink()),
        KeyValue.toMap(v.tags()), List.copyOf(aliases)};
  }

  static Object[] loggedModel(LoggedModel m) {
    LoggedModelInfo i = m.info();
    Map<String, Double> latest = new LinkedHashMap<>();
    Map<String, Metric> latestPoint = new LinkedHashMap<>();
    for (Metric p : m.data().metrics()) {
      Metric seen = latestPoint.get(p.key());
      if (seen == null || p.isLaterThan(seen)) {
        latestPoint.put(p.key(), p);
        latest.put(p.key(), p.value());
      }
    }
    return new Object[] {i.modelId(), i.experimentId(), i.name(), i.artifactUri(),
        loggedModelStatus(i.status()), emptyToNull(i.statusMessage()), emptyToNull(i.modelType()),
        emptyToNull(i.sourceRunId()), emptyToNull(i.creatorId()),
        i.creationTimestampMs(), i.lastUpdatedTimestampMs(), KeyValue.toMap(i.tags()),
        KeyValue.toMap(m.data().params()), latest};
  }

  static List<Object[]> loggedModelMetrics(LoggedModel m) {
    LoggedModelInfo i = m.info();
    List<Object[]> rows = new ArrayList<>(m.data().metrics().size());
    for (Metric p : m.data().metrics()) {
      rows.add(new Object[] {i.modelId(), i.experimentId(), p.runId(), p.key(), p.value(),
          p.timestamp(), p.step(), p.datasetName(), p.datasetDigest()});
    }
    return rows;
  }

  /** REST sends the proto enum (LOGGED_MODEL_READY); users know MLflow's names (READY). */
  static String loggedModelStatus(String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "LOGGED_MODEL_PENDING" -> "PENDING";
      case "LOGGED_MODEL_READY" -> "READY";
      case "LOGGED_MODEL_UPLOAD_FAILED" -> "FAILED";
      default -> status;
    };
  }

  /**
   * Over REST an empty attribute and an absent one look alike (protobuf drops defaults), so both
   * read as NULL. Params and tags keep empty values: there the key says the entry exists.
   */
  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
