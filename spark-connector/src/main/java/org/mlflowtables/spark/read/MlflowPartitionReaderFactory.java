package org.mlflowtables.spark.read;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.mlflowtables.spark.schema.RowConverter;

/** Serialized to the executors; creates one reader per partition. */
final class MlflowPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final ScanRecipe recipe;
  private final RowConverter converter;

  MlflowPartitionReaderFactory(ScanRecipe recipe, RowConverter converter) {
    this.recipe = recipe;
    this.converter = converter;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    if (!(partition instanceof MlflowInputPartition p)) {
      throw new IllegalArgumentException(
          "Not a partition of an MLflow scan: " + partition.getClass().getName());
    }
    return new MlflowPartitionReader(recipe.options().config(), recipe.plan(), p.part(),
        converter);
  }
}
