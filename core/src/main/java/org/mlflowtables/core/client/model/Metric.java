package org.mlflowtables.core.client.model;

/**
 * One metric point. {@code runId}, {@code modelId}, {@code datasetName} and {@code datasetDigest}
 * are MLflow 3 lineage fields, null when the server does not send them.
 */
public record Metric(
    String key,
    double value,
    long timestamp,
    long step,
    String runId,
    String modelId,
    String datasetName,
    String datasetDigest) {

  /** A point without lineage fields. */
  public static Metric of(String key, double value, long timestamp, long step) {
    return new Metric(key, value, timestamp, step, null, null, null, null);
  }

  /**
   * The "latest value" rule of DESIGN.md for logged models: the later timestamp wins, the larger
   * value on ties. (Runs' latest values come from the server, whose SQL store ranks by step first.)
   */
  public boolean isLaterThan(Metric other) {
    if (timestamp != other.timestamp) {
      return timestamp > other.timestamp;
    }
    return Double.compare(value, other.value) > 0;
  }
}
