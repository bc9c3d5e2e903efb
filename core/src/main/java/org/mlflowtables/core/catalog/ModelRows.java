package org.mlflowtables.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.LoggedModelInfo;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.ModelVersion;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.RegisteredModelAlias;

/**
 * The row mappings of the model registry's tables and of MLflow 3's logged models, in the column
 * order of their entries.
 */
final class ModelRows {
  private ModelRows() {}

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
  static Object[] modelVersion(AliasedVersion av) {
    ModelVersion v = av.version();
    List<String> aliases = new ArrayList<>();
    if (v.aliases() != null && !v.aliases().isEmpty()) {
      aliases.addAll(v.aliases());
    } else {
      av.modelAliases().forEach((alias, version) -> {
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

  /** One row per metric point of a logged model. */
  static void loggedModelMetrics(LoggedModel m, List<Object[]> out) {
    LoggedModelInfo i = m.info();
    for (Metric p : m.data().metrics()) {
      out.add(new Object[] {i.modelId(), i.experimentId(), p.runId(), p.key(), p.value(),
          p.timestamp(), p.step(), p.datasetName(), p.datasetDigest()});
    }
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
