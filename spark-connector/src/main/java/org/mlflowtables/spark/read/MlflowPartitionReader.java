package org.mlflowtables.spark.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPart;

/**
 * Walks the rows of one scan part: opens core's iterator on the first {@link #next()} (nothing is
 * requested for a partition that is never read), converts each row, closes once.
 */
final class MlflowPartitionReader implements PartitionReader<InternalRow> {
  private final MlflowPartitionReaderFactory scan;
  private final ScanPart part;
  private RowIterator rows;
  private InternalRow current;
  private boolean closed;

  /** A reader of one part of the factory's scan. */
  MlflowPartitionReader(MlflowPartitionReaderFactory scan, ScanPart part) {
    this.scan = scan;
    this.part = part;
  }

  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    if (rows == null) {
      rows = scan.plan().open(part, MlflowClient.create(scan.config()));
    }
    if (!rows.hasNext()) {
      current = null;
      return false;
    }
    current = scan.converter().convert(rows.next());
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
