package org.mlflowtables.core.stream;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Runs of a micro-batch, to their experiments. */
record RunsPart(int index, SortedMap<String, String> runs) implements StreamPart {
  RunsPart {
    runs = Collections.unmodifiableSortedMap(new TreeMap<>(runs));
  }

  @Override
  public String describe() {
    return "part " + index + ": " + runs.size() + " finished runs";
  }
}
