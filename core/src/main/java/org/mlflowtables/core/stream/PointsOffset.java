package org.mlflowtables.core.stream;

import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The offset of a stream of metric points. For each run followed and each of its keys, a cut: the
 * points with a timestamp at or before it have been emitted (those after it are to come). A run
 * leaves {@link #following} when the micro-batch ending here reads its last points ({@link
 * #finishing}), and the keyset of finished runs ({@link #ended}) keeps it from being followed again.
 *
 * @param table the table streamed
 * @param floor points before it are never emitted, or null
 * @param ended the finished runs taken so far
 * @param following the runs followed, with their cuts
 * @param finishing the runs whose remaining points the micro-batch ending here emits, once
 */
public record PointsOffset(String table, Long floor, EndedRuns ended,
    SortedMap<String, Followed> following, SortedMap<String, Finishing> finishing)
    implements StreamOffset {
  public PointsOffset {
    following = Collections.unmodifiableSortedMap(new TreeMap<>(following));
    finishing = Collections.unmodifiableSortedMap(new TreeMap<>(finishing));
  }

  /**
   * A run followed.
   *
   * @param experimentId its experiment
   * @param cuts per metric key, the newest timestamp emitted up to (keys without one: none yet)
   */
  public record Followed(String experimentId, SortedMap<String, Long> cuts)
      implements Serializable {
    public Followed {
      cuts = Collections.unmodifiableSortedMap(new TreeMap<>(cuts));
    }
  }

  /**
   * A run whose last points are read.
   *
   * @param experimentId its experiment
   * @param keys its metric keys
   */
  public record Finishing(String experimentId, SortedSet<String> keys) implements Serializable {
    public Finishing {
      keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }
  }

  /** The first timestamp a key's next points may have: after its cut, not before the floor. */
  long after(String runId, String key) {
    Followed f = following.get(runId);
    Long cut = f == null ? null : f.cuts().get(key);
    long fromFloor = floor == null ? Long.MIN_VALUE : floor - 1;
    return cut == null ? fromFloor : Math.max(cut, fromFloor);
  }
}
