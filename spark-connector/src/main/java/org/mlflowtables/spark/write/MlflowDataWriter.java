package org.mlflowtables.spark.write;

import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.write.TableWriter;
import org.mlflowtables.core.write.WriteResult;
import org.mlflowtables.spark.schema.LogBatchRowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's append: maps each row to a core row and hands it to the table's core {@link
 * TableWriter} (for metrics, params and tags the log-batch writer, which validates, groups,
 * packs, de-duplicates and sends). Commit flushes; abort drops what is
 * still buffered and logs what reached the server.
 */
final class MlflowDataWriter implements DataWriter<InternalRow> {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowDataWriter.class);

  private final MlflowConfig config;
  private final LogBatchRowMapper mapper;
  private final int partitionId;
  private final long taskId;
  private TableWriter writer;

  MlflowDataWriter(MlflowConfig config, LogBatchRowMapper mapper, int partitionId, long taskId) {
    this.config = config;
    this.mapper = mapper;
    this.partitionId = partitionId;
    this.taskId = taskId;
  }

  private TableWriter writer() {
    if (writer == null) {
      writer = mapper.mapping().binding().writer(MlflowClient.create(config));
    }
    return writer;
  }

  @Override
  public void write(InternalRow row) {
    writer().add(mapper.toRow(row));
  }

  /**
   * Writes every row, then sends what is still buffered: Spark reads a task's final metrics after
   * this call and before {@link #commit()}, so they then count every point written. Spark 4 calls
   * it (no {@code @Override}: Spark 3.5's DataWriter has no writeAll, and calls {@link #write}).
   */
  public void writeAll(Iterator<InternalRow> rows) {
    while (rows.hasNext()) {
      write(rows.next());
    }
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public WriterCommitMessage commit() {
    WriteResult result = WriteResult.EMPTY;
    if (writer != null) {
      writer.close();
      result = writer.result();
    }
    return new MlflowWriterCommitMessage(partitionId, taskId, result);
  }

  /** Drops what is buffered and logs what stays on the server; never throws. */
  @Override
  public void abort() {
    WriteResult written = writer == null ? WriteResult.EMPTY : writer.abort();
    LOG.warn("Write to MLflow aborted for partition {}, task {}. MLflow cannot take back what"
        + " was written: {}.", partitionId, taskId, written.summary());
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return MlflowWriteMetrics.taskValues(writer == null ? null : writer.counters());
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.abort(); // no-op after close(); releases the threads after a failure
    }
  }
}
