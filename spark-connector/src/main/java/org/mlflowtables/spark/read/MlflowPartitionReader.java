package org.mlflowtables.spark.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPart;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * Walks the rows of one scan part: opens core's iterator on the first {@link #next()} (nothing is
 * requested for a partition that is never read), converts each row, closes once.
 */
final class MlflowPartitionReader implements PartitionReader<InternalRow> {
  private final MlflowConfig config;
  private final ScanPlan plan;
  private final ScanPart part;
  private final RowConverter converter;
  private RowIterator rows;
  private InternalRow current;
  private boolean closed;

  MlflowPartitionReader(MlflowConfig config, ScanPlan plan, ScanPart part,
      RowConverter converter) {
    this.config = config;
    this.plan = plan;
    this.part = part;
    this.converter = converter;
  }

  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    if (rows == null) {
      rows = plan.open(part, MlflowClient.create(config));
    }
    if (!rows.hasNext()) {
      current = null;
      return false;
    }
    current = converter.convert(rows.next());
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return MlflowReadMetrics.taskValues(rows == null ? null : rows.counters());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (rows != null) {
        rows.close();
      }
    }
  }
}
