package org.mlflowtables.core.write;

import org.mlflowtables.core.client.model.Metric;

/**
 * How MLflow's SQL store identifies metric points, for de-duplication.
 *
 * <p>Run level ({@code metrics} table, primary key {@code key, timestamp, step, run_uuid, value,
 * is_nan}): NaN is stored as value 0 with {@code is_nan}, +/-Infinity as +/-{@link
 * Double#MAX_VALUE}, and -0.0 equals 0.0 in SQL. Model level ({@code logged_model_metrics},
 * primary key {@code model_id, metric_name, metric_timestamp_ms, metric_step, run_id}): the value
 * and the dataset are not part of the key, and NaN is stored as 0.0.
 */
final class Points {
  private Points() {}

  /** The value as the run-level table keeps it (NaN is flagged separately). */
  static double runValue(double v) {
    if (Double.isNaN(v)) {
      return 0.0;
    }
    if (v == Double.POSITIVE_INFINITY) {
      return Double.MAX_VALUE;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return -Double.MAX_VALUE;
    }
    return v == 0.0 ? 0.0 : v; // -0.0 == 0.0
  }

  /** The value as {@code logged_model_metrics.metric_value} keeps it. */
  static double modelValue(double v) {
    return runValue(v);
  }

  /** A point of one run and key, as the run-level primary key sees it. */
  record RunPoint(long timestamp, long step, double value, boolean nan) {
    static RunPoint of(long timestamp, long step, double value) {
      return new RunPoint(timestamp, step, runValue(value), Double.isNaN(value));
    }

    static RunPoint of(MetricRow m) {
      return of(m.timestamp(), m.stepOrZero(), m.value());
    }

    static RunPoint of(Metric m) {
      return of(m.timestamp(), m.step(), m.value());
    }
  }

  /** A point of the input of one run: the run-level identity plus the lineage fields. */
  record InputPoint(String key, RunPoint point, String modelId, String datasetName,
      String datasetDigest) {
    static InputPoint of(MetricRow m) {
      return new InputPoint(m.key(), RunPoint.of(m), m.modelId(), m.datasetName(),
          m.datasetDigest());
    }
  }

  /** The primary key of a logged model's metric point, within one model. */
  record ModelPointKey(String key, long timestamp, long step, String runId) {
    static ModelPointKey of(MetricRow m) {
      return new ModelPointKey(m.key(), m.timestamp(), m.stepOrZero(), m.runId());
    }

    static ModelPointKey of(Metric m) {
      return new ModelPointKey(m.key(), m.timestamp(), m.step(), m.runId());
    }
  }

  /** What a logged model's metric point holds besides its key. */
  record ModelPayload(double value, String datasetName, String datasetDigest) {
    static ModelPayload of(MetricRow m) {
      return new ModelPayload(modelValue(m.value()), m.datasetName(), m.datasetDigest());
    }

    static ModelPayload of(Metric m) {
      return new ModelPayload(modelValue(m.value()), m.datasetName(), m.datasetDigest());
    }

    String describe() {
      return "value " + value
          + (datasetName != null || datasetDigest != null
              ? " on dataset " + Messages.quote(datasetName) + " (digest "
                  + Messages.quote(datasetDigest) + ")"
              : " without dataset");
    }
  }
}
