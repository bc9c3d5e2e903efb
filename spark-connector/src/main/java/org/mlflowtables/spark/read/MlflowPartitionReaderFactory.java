package org.mlflowtables.spark.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * Serialized to the executors with core's plan; creates one reader per partition.
 *
 * @param config the connection settings (never shown: the config redacts its secrets)
 * @param plan core's plan of the scan
 * @param converter core's rows to Spark's
 */
record MlflowPartitionReaderFactory(MlflowConfig config, ScanPlan plan, RowConverter converter)
    implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    if (!(partition instanceof MlflowInputPartition p)) {
      throw new IllegalArgumentException(
          "Not a partition of an MLflow scan: " + partition.getClass().getName());
    }
    return new MlflowPartitionReader(() -> plan.open(p.part(), MlflowClient.create(config)),
        converter);
  }
}
