package org.mlflowtables.core.write;

import java.io.Serializable;

/** One row for a {@link LogBatchWriter}: a metric point, a param or a tag of one run. */
public sealed interface LogRow extends Serializable permits MetricRow, ParamRow, TagRow {

  /** The run the row belongs to. */
  String runId();

  /** The metric, param or tag key. */
  String key();

  /** {@code "metric"}, {@code "param"} or {@code "tag"}, for messages. */
  String kind();
}
