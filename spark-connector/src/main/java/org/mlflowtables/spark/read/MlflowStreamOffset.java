package org.mlflowtables.spark.read;

import org.apache.spark.sql.connector.read.streaming.Offset;
import org.mlflowtables.core.stream.StreamOffset;

/** Core's offset as Spark checkpoints it: its versioned JSON (docs/streaming.md). */
final class MlflowStreamOffset extends Offset {
  private final StreamOffset offset;
  private final String json;

  MlflowStreamOffset(StreamOffset offset) {
    this.offset = offset;
    this.json = offset.json();
  }

  StreamOffset offset() {
    return offset;
  }

  @Override
  public String json() {
    return json;
  }
}
