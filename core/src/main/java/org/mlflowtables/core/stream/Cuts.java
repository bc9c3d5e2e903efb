package org.mlflowtables.core.stream;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;

/**
 * How far a metric stream has read each history: per run and key, a cut, the newest timestamp
 * emitted up to. A micro-batch emits the points after the start's cut up to the end's cut. A cut
 * moves to {@code min(latest, clock - lateness)}, never back: {@code latest} is the timestamp of
 * the key's latest point as search-runs reports it (a point with that timestamp is stored), and a
 * cut trails the clock by the lateness so that a point stored out of order, or a second point of
 * the same millisecond, still lands after the cut if it reaches the server within the lateness of
 * its timestamp. Slices between cuts never overlap, so no point is emitted twice; a point is missed
 * only if it reaches the server after a cut at or past its timestamp was read (docs/streaming.md).
 */
final class Cuts {
  private Cuts() {}

  /** Moves the cuts of {@code latest}'s keys, never back and never before the floor. */
  static void advance(SortedMap<String, Long> cuts, List<Metric> latest, long clock,
      long lateness, Long floor) {
    long none = floor == null ? Long.MIN_VALUE : floor - 1;
    for (Metric m : latest) {
      long to = Math.min(m.timestamp(), clock - lateness);
      Long old = cuts.get(m.key());
      if (to > (old == null ? none : old)) {
        cuts.put(m.key(), to);
      }
    }
  }

  /**
   * Whether a run is done: terminal, and its end (by its clock) at least the lateness behind the
   * stream's clock, so that points stored late after its end are still read.
   */
  static boolean finished(Run run, long clock, long lateness) {
    if (!EndedRunsWalk.isTerminal(run)) {
      return false;
    }
    Long end = run.info().endTime();
    return end == null || clock - lateness >= end;
  }

  /**
   * The cuts a run starts being followed with: none, or, for a run running again after the stream
   * read it to its end (MLflow keeps the end time of a resumed run), its end time plus the
   * lateness for every key it had, so that those points are not emitted again.
   */
  static SortedMap<String, Long> ofResumed(Run run, EndedRuns ended, Long floor, long lateness) {
    SortedMap<String, Long> cuts = new TreeMap<>();
    Long end = run.info().endTime();
    boolean readBefore = end != null && !EndedRunsWalk.isTerminal(run) && ended.endTime() != null
        && EndedRuns.ORDER.compare(new EndedRuns.Ended(run.info().runId(), end),
            new EndedRuns.Ended(ended.runId(), ended.endTime())) <= 0
        && (floor == null || end >= floor);
    if (readBefore) {
      for (Metric m : run.data().metrics()) {
        cuts.put(m.key(), end + lateness);
      }
    }
    return cuts;
  }
}
