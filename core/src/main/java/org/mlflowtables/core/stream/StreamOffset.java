package org.mlflowtables.core.stream;

import java.io.Serializable;

/**
 * Where a stream stands after a micro-batch: what it has emitted, as much as the next batch needs
 * to emit nothing twice and miss nothing. Immutable; its JSON form ({@link OffsetJson}) is what
 * engines checkpoint.
 */
public sealed interface StreamOffset extends Serializable permits RunsOffset, PointsOffset {
  /** The table streamed. */
  String table();

  /** The finished runs taken so far. */
  EndedRuns ended();

  /** The checkpointed form: versioned JSON, the same for equal offsets. */
  default String json() {
    return OffsetJson.write(this);
  }
}
