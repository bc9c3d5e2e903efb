package org.mlflowtables.core.write;

/**
 * One metric point to log. Boxed fields let engines hand over SQL NULLs; {@link
 * LogBatchValidator} then names what is missing.
 *
 * @param runId the run, required
 * @param key the metric key, required
 * @param value the value, required; NaN and +/-Infinity are allowed (MLflow's SQL stores keep
 *     +/-Infinity as +/-{@link Double#MAX_VALUE})
 * @param timestamp epoch milliseconds, required and not negative
 * @param step the step; null means 0, as in MLflow
 * @param modelId MLflow 3 lineage: the logged model the point belongs to, or null
 * @param datasetName MLflow 3 lineage: the dataset the value was computed on, or null; needs a
 *     model id (MLflow 3.17 keeps datasets only on logged-model metrics)
 * @param datasetDigest MLflow 3 lineage: the dataset's digest, or null; needs a model id
 */
public record MetricRow(
    String runId,
    String key,
    Double value,
    Long timestamp,
    Long step,
    String modelId,
    String datasetName,
    String datasetDigest)
    implements LogRow {

  private static final long serialVersionUID = 1L;

  /** A point without lineage. */
  public static MetricRow of(String runId, String key, double value, long timestamp, long step) {
    return new MetricRow(runId, key, value, timestamp, step, null, null, null);
  }

  /** This point with MLflow 3 lineage fields (any may be null). */
  public MetricRow withLineage(String modelId, String datasetName, String datasetDigest) {
    return new MetricRow(runId, key, value, timestamp, step, modelId, datasetName, datasetDigest);
  }

  /** The step as MLflow stores it: 0 when none was given. */
  public long stepOrZero() {
    return step == null ? 0L : step;
  }

  @Override
  public String kind() {
    return "metric";
  }
}
