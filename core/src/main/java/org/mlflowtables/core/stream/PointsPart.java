package org.mlflowtables.core.stream;

import java.util.List;
import org.mlflowtables.core.scan.PointRange;

/** Slices of histories of a micro-batch. */
record PointsPart(int index, List<PointRange> ranges) implements StreamPart {
  PointsPart {
    ranges = List.copyOf(ranges);
  }

  @Override
  public String describe() {
    return "part " + index + ": " + ranges.size() + " slices of histories";
  }
}
