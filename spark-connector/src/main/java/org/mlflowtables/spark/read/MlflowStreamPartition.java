package org.mlflowtables.spark.read;

import org.apache.spark.sql.connector.read.InputPartition;
import org.mlflowtables.core.stream.StreamPart;

/** One Spark partition of a micro-batch: one of core's stream parts. */
record MlflowStreamPartition(int index, StreamPart part) implements InputPartition {
  private static final long serialVersionUID = 1L;

  @Override
  public String toString() {
    return "MlflowStreamPartition(" + index + ": " + part.describe() + ")";
  }
}
