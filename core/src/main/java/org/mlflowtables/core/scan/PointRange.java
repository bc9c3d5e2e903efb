package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.Objects;

/**
 * The points of one run and metric key with {@code after < timestamp <= upTo}: a slice of a
 * history that an incremental reader (a stream's micro-batch) reads. Serializable, for executors.
 *
 * @param runId the run
 * @param experimentId the run's experiment (a column of the rows)
 * @param key the metric key
 * @param after the slice's lower bound, exclusive ({@link Long#MIN_VALUE} for none)
 * @param upTo the slice's upper bound, inclusive ({@link Long#MAX_VALUE} for none)
 */
public record PointRange(String runId, String experimentId, String key, long after, long upTo)
    implements Serializable {
  public PointRange {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(key, "key");
    if (upTo <= after) {
      throw new IllegalArgumentException("empty range (" + after + ", " + upTo + "] of run "
          + runId + ", key " + key);
    }
  }

  /** Whether a point's timestamp is in the slice. */
  public boolean contains(long timestamp) {
    return timestamp > after && timestamp <= upTo;
  }
}
