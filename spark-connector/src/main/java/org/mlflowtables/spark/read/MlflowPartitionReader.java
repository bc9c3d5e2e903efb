package org.mlflowtables.spark.read;

import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * Walks the rows of one part of a scan or of a micro-batch: opens core's iterator on the first
 * {@link #next()} (nothing is requested for a partition that is never read), converts each row,
 * closes once.
 */
final class MlflowPartitionReader implements PartitionReader<InternalRow> {
  private final Supplier<RowIterator> open;
  private final RowConverter converter;
  private RowIterator rows;
  private InternalRow current;
  private boolean closed;

  /** A reader of the rows {@code open} opens, converted by {@code converter}. */
  MlflowPartitionReader(Supplier<RowIterator> open, RowConverter converter) {
    this.open = open;
    this.converter = converter;
  }

  @Override
  public boolean next() {
    if (closed) {
      return false;
    }
    if (rows == null) {
      rows = open.get();
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
