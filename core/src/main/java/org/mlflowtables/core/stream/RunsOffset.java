package org.mlflowtables.core.stream;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The offset of a stream of finished runs (runs, and the tables read from runs).
 *
 * @param table the table streamed
 * @param ended the finished runs taken so far
 * @param batch the runs the micro-batch ending at this offset emits, to their experiments
 */
public record RunsOffset(String table, EndedRuns ended, SortedMap<String, String> batch)
    implements StreamOffset {
  public RunsOffset {
    batch = Collections.unmodifiableSortedMap(new TreeMap<>(batch));
  }
}
