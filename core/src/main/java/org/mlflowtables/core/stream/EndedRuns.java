package org.mlflowtables.core.stream;

import java.io.Serializable;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which finished runs a stream has taken, as a keyset on {@code (end_time, run_id)} with a window of
 * allowed lateness. A run is taken once, when a walk of the runs by end time first finds it
 * finished: the walk starts {@code lateness} before the newest run taken ({@link #walkFrom}), and
 * {@link #recent} holds every run taken whose end time is in that window, so that a run ending late
 * (an end time written late, or by a clock behind) is still taken, and none twice. A run whose end
 * time is further behind the newest taken than the lateness when it first shows as finished is
 * never taken (docs/streaming.md).
 *
 * @param floor runs ending before it are never taken (the stream's start), or null
 * @param endTime the end time of the newest run taken, or null before the first
 * @param runId that run's id, or null before the first
 * @param recent the runs taken (or finished otherwise, see {@link #taking}) whose end time is at or
 *     after {@link #walkFrom}, to their end times
 */
record EndedRuns(Long floor, Long endTime, String runId, SortedMap<String, Long> recent)
    implements Serializable {
  /** Orders runs as the keyset does. */
  static final Comparator<Ended> ORDER =
      Comparator.comparingLong(Ended::endTime).thenComparing(Ended::runId);

  EndedRuns {
    recent = Collections.unmodifiableSortedMap(new TreeMap<>(recent));
    if ((endTime == null) != (runId == null)) {
      throw new IllegalArgumentException("end time and run id of the keyset go together");
    }
  }

  /** A finished run: its id and end time. */
  record Ended(String runId, long endTime) {}

  /** Nothing taken yet; runs ending before {@code floor} (null for none) are never taken. */
  static EndedRuns startingAt(Long floor) {
    return new EndedRuns(floor, null, null, new TreeMap<>());
  }

  /**
   * The end time the next walk starts from (inclusive): the lateness before the newest run taken,
   * never before the floor; 0 (every run) before anything was taken without a floor.
   */
  long walkFrom(long lateness) {
    long from = endTime == null ? Long.MIN_VALUE : endTime - lateness;
    return Math.max(from, floor == null ? 0 : floor);
  }

  /** Whether a finished run the walk found is one to take. */
  boolean isNew(String id, long end, long lateness) {
    return end >= walkFrom(lateness) && !recent.containsKey(id);
  }

  /**
   * The keyset after taking {@code taken} (new runs, as {@link #isNew} says) and noting {@code
   * done}, runs finished by other means (a followed run's end) that a later walk must not take.
   */
  EndedRuns taking(List<Ended> taken, List<Ended> done, long lateness) {
    Long newEnd = endTime;
    String newId = runId;
    SortedMap<String, Long> all = new TreeMap<>(recent);
    for (Ended e : taken) {
      if (newEnd == null || ORDER.compare(e, new Ended(newId, newEnd)) > 0) {
        newEnd = e.endTime();
        newId = e.runId();
      }
      all.put(e.runId(), e.endTime());
    }
    for (Ended e : done) {
      all.put(e.runId(), e.endTime());
    }
    EndedRuns next = new EndedRuns(floor, newEnd, newId, new TreeMap<>());
    long from = next.walkFrom(lateness);
    all.values().removeIf(end -> end < from);
    return new EndedRuns(floor, newEnd, newId, all);
  }
}
