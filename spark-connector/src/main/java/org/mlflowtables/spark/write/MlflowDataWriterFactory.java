package org.mlflowtables.spark.write;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.spark.schema.LogBatchRowMapper;

/** Serialized to the executors; one writer per task attempt. */
final class MlflowDataWriterFactory implements DataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final MlflowConfig config;
  private final LogBatchRowMapper mapper;

  MlflowDataWriterFactory(MlflowConfig config, LogBatchRowMapper mapper) {
    this.config = config;
    this.mapper = mapper;
  }

  /** The settings each task's writer uses (its share of the write's requests in flight). */
  MlflowConfig config() {
    return config;
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new MlflowDataWriter(config, mapper, partitionId, taskId);
  }
}
