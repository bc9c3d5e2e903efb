package org.mlflowtables.core.write;

import java.util.Map;

/**
 * The rules a {@link RunRow} is checked against before anything of it is sent: a source key, one
 * experiment, one of MLflow's statuses, times not before 1970, no NULL map entry. Keys and values
 * of params, tags and metrics are then checked as log-batch rows are.
 */
final class RunRowRules {
  private RunRowRules() {}

  static void check(RunRow r, WriteResult now) {
    if (r.sourceKey() == null || r.sourceKey().isEmpty()) {
      throw invalid(r, null, "REQUIRED", "'run_id' (the run's key in its source, kept as the tag "
          + RunWriter.SOURCE_TAG + ") is required", now);
    }
    boolean byId = r.experimentId() != null && !r.experimentId().isEmpty();
    boolean byName = r.experimentName() != null && !r.experimentName().isEmpty();
    if (byId == byName) {
      throw invalid(r, null, "EXPERIMENT", "give its experiment by 'experiment_id' or by"
          + " 'experiment_name', one of the two", now);
    }
    if (r.status() == null || !RunWriter.STATUSES.contains(r.status())) {
      throw invalid(r, null, "STATUS", "status " + (r.status() == null ? "NULL" : "'" + r.status()
          + "'") + " is not one of MLflow's: " + String.join(", ",
              RunWriter.STATUSES.stream().sorted().toList()), now);
    }
    if (r.startTime() == null) {
      throw invalid(r, null, "REQUIRED", "'start_time' is required", now);
    }
    time(r, "start_time", r.startTime(), now);
    if (r.endTime() != null) {
      time(r, "end_time", r.endTime(), now);
    }
    entries(r, "metrics", r.metrics(), now);
    entries(r, "params", r.params(), now);
    entries(r, "tags", r.tags(), now);
  }

  private static void time(RunRow r, String column, long millis, WriteResult now) {
    if (millis < 0) {
      throw invalid(r, null, "TIMESTAMP", "'" + column + "' " + java.time.Instant.ofEpochMilli(
          millis) + " is before 1970: MLflow keeps times as milliseconds since 1970", now);
    }
  }

  private static void entries(RunRow r, String column, Map<String, ?> m, WriteResult now) {
    for (Map.Entry<String, ?> e : m.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw invalid(r, e.getKey(), "REQUIRED", "'" + column + "' holds a NULL "
            + (e.getKey() == null ? "key" : "value for key '" + e.getKey() + "'"), now);
      }
    }
  }

  private static InvalidRowException invalid(RunRow r, String key, String rule, String problem,
      WriteResult now) {
    return new InvalidRowException(r.kind(), null, key, rule,
        "Invalid " + r.describe() + ": " + problem + ".", now);
  }
}
