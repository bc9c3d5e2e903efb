package org.mlflowtables.core.write;

/** One row for a {@link LogBatchWriter}: a metric point, a param or a tag of one run. */
public sealed interface LogRow extends WriteRow permits MetricRow, ParamRow, TagRow {

  /** The run the row belongs to. */
  String runId();

  /** The metric, param or tag key. */
  String key();

  /** {@code "metric"}, {@code "param"} or {@code "tag"}, for messages. */
  @Override
  String kind();
}
