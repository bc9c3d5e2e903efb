package org.mlflowtables.core.write;

import java.io.Serializable;

/**
 * MLflow's limits on one log-batch request, and on the keys and values in it, as MLflow 3.17
 * defines them in {@code mlflow/utils/validation.py}.
 *
 * <p>An instance is the packing budget of a {@link LogBatchWriter}: {@link #MLFLOW} by default;
 * tests may use smaller ones. Whatever the instance, a request never exceeds MLflow's own limits.
 *
 * @param maxEntities metrics + params + tags per request ({@code MAX_ENTITIES_PER_BATCH})
 * @param maxMetrics metrics per request ({@code MAX_METRICS_PER_BATCH})
 * @param maxParams params per request ({@code MAX_PARAMS_TAGS_PER_BATCH})
 * @param maxTags tags per request ({@code MAX_PARAMS_TAGS_PER_BATCH})
 * @param maxRequestBytes the JSON body's size in bytes, as estimated from above by the writer
 *     ({@code MAX_BATCH_LOG_REQUEST_SIZE})
 */
public record LogBatchLimits(
    int maxEntities, int maxMetrics, int maxParams, int maxTags, int maxRequestBytes)
    implements Serializable {

  /** {@code MAX_ENTITIES_PER_BATCH}: metrics, params and tags in one request. */
  public static final int MAX_ENTITIES_PER_BATCH = 1000;
  /** {@code MAX_METRICS_PER_BATCH}. */
  public static final int MAX_METRICS_PER_BATCH = 1000;
  /** {@code MAX_PARAMS_TAGS_PER_BATCH}: params, and separately tags, in one request. */
  public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
  /**
   * {@code MAX_BATCH_LOG_REQUEST_SIZE} (1e6 bytes). MLflow 3.17's own check measures the parsed
   * JSON object rather than the body, so the server does not enforce it; proxies and hosted
   * servers do, and the writer keeps every body within it.
   */
  public static final int MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;
  /** {@code MAX_ENTITY_KEY_LENGTH}: metric, param and tag keys, in characters (code points). */
  public static final int MAX_ENTITY_KEY_LENGTH = 250;
  /**
   * {@code MAX_PARAM_VAL_LENGTH}. The server silently truncates longer values (its default
   * {@code MLFLOW_TRUNCATE_LONG_VALUES=true}); the writer refuses them instead.
   */
  public static final int MAX_PARAM_VAL_LENGTH = 6000;
  /** {@code MAX_TAG_VAL_LENGTH}; longer values are truncated by the server, refused here. */
  public static final int MAX_TAG_VAL_LENGTH = 8000;
  /**
   * {@code MAX_DATASET_NAME_SIZE}, the size of {@code logged_model_metrics.dataset_name}. SQLite
   * does not enforce column sizes; other databases fail the request.
   */
  public static final int MAX_DATASET_NAME_SIZE = 500;
  /** {@code MAX_DATASET_DIGEST_SIZE}, the size of {@code logged_model_metrics.dataset_digest}. */
  public static final int MAX_DATASET_DIGEST_SIZE = 36;
  /** A run id is {@code [a-zA-Z0-9][\w-]{0,255}} ({@code _RUN_ID_REGEX}). */
  public static final int MAX_RUN_ID_LENGTH = 256;

  /** The smallest request size budget: any valid row must fit in a request on its own. */
  static final int MIN_REQUEST_BYTES = 64 * 1024;

  /** MLflow's limits. */
  public static final LogBatchLimits MLFLOW = new LogBatchLimits(MAX_ENTITIES_PER_BATCH,
      MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH,
      MAX_BATCH_LOG_REQUEST_SIZE);

  public LogBatchLimits {
    if (maxEntities < 1 || maxEntities > MAX_ENTITIES_PER_BATCH) {
      throw new IllegalArgumentException(
          "maxEntities must be between 1 and " + MAX_ENTITIES_PER_BATCH + ", got " + maxEntities);
    }
    if (maxMetrics < 1 || maxMetrics > MAX_METRICS_PER_BATCH) {
      throw new IllegalArgumentException(
          "maxMetrics must be between 1 and " + MAX_METRICS_PER_BATCH + ", got " + maxMetrics);
    }
    if (maxParams < 1 || maxParams > MAX_PARAMS_TAGS_PER_BATCH) {
      throw new IllegalArgumentException("maxParams must be between 1 and "
          + MAX_PARAMS_TAGS_PER_BATCH + ", got " + maxParams);
    }
    if (maxTags < 1 || maxTags > MAX_PARAMS_TAGS_PER_BATCH) {
      throw new IllegalArgumentException(
          "maxTags must be between 1 and " + MAX_PARAMS_TAGS_PER_BATCH + ", got " + maxTags);
    }
    if (maxRequestBytes < MIN_REQUEST_BYTES || maxRequestBytes > MAX_BATCH_LOG_REQUEST_SIZE) {
      throw new IllegalArgumentException("maxRequestBytes must be between " + MIN_REQUEST_BYTES
          + " and " + MAX_BATCH_LOG_REQUEST_SIZE + ", got " + maxRequestBytes);
    }
  }
}
