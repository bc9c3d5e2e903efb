package org.mlflowtables.spark.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.stream.TableStream;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * Serialized to the executors with core's stream; creates one reader per partition of a
 * micro-batch.
 *
 * @param config the connection settings (never shown: the config redacts its secrets)
 * @param stream core's stream
 * @param converter core's rows to Spark's
 */
record MlflowStreamReaderFactory(MlflowConfig config, TableStream stream, RowConverter converter)
    implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    if (!(partition instanceof MlflowStreamPartition p)) {
      throw new IllegalArgumentException(
          "Not a partition of an MLflow stream: " + partition.getClass().getName());
    }
    return new MlflowPartitionReader(() -> stream.open(p.part(), MlflowClient.create(config)),
        converter);
  }
}
