package org.mlflowtables.spark.read;

import org.apache.spark.sql.connector.read.InputPartition;
import org.mlflowtables.core.scan.ScanPart;

/** One Spark partition of an MLflow scan: one of core's scan parts. */
record MlflowInputPartition(int index, ScanPart part) implements InputPartition {
  private static final long serialVersionUID = 1L;

  @Override
  public String toString() {
    return "MlflowInputPartition(" + index + ": " + part.describe() + ")";
  }
}
