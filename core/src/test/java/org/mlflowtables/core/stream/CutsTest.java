package org.mlflowtables.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunData;
import org.mlflowtables.core.client.model.RunInfo;

/**
 * The cuts of a metric stream: slices between cuts never overlap, and every point reaching the
 * server within the lateness of its timestamp is emitted once, in whatever order points arrive.
 */
class CutsTest {
  private static final long LATENESS = 500;

  private static Run run(String status, Long end, Metric... latest) {
    return new Run(new RunInfo("r", "r", "1", "u", status, 0L, end, "a", "active"),
        new RunData(List.of(latest), List.of(), List.of()), null);
  }

  @Test
  void aCutMovesToTheLatestPointOrTheLatenessBeforeTheClockWhicheverIsEarlier() {
    SortedMap<String, Long> cuts = new TreeMap<>();
    Cuts.advance(cuts, List.of(Metric.of("a", 1, 1_000, 1), Metric.of("b", 1, 5_000, 1)), 4_000,
        LATENESS, null);
    assertEquals(Map.of("a", 1_000L, "b", 3_500L), cuts);
  }

  @Test
  void aCutNeverMovesBack() {
    SortedMap<String, Long> cuts = new TreeMap<>(Map.of("a", 2_000L));
    Cuts.advance(cuts, List.of(Metric.of("a", 1, 1_000, 9)), 9_000, LATENESS, null);
    assertEquals(Map.of("a", 2_000L), cuts);
  }

  @Test
  void nothingBeforeTheFloorIsCut() {
    SortedMap<String, Long> cuts = new TreeMap<>();
    Cuts.advance(cuts, List.of(Metric.of("a", 1, 1_000, 1)), 9_000, LATENESS, 5_000L);
    assertTrue(cuts.isEmpty(), "a key with no point after the floor has no cut: " + cuts);
  }

  @Test
  void aRunIsFinishedOnceTerminalAndItsEndTheLatenessBehind() {
    assertFalse(Cuts.finished(run("RUNNING", null), 9_000, LATENESS));
    assertFalse(Cuts.finished(run("FINISHED", 8_600L), 9_000, LATENESS));
    assertTrue(Cuts.finished(run("FAILED", 8_500L), 9_000, LATENESS));
    assertTrue(Cuts.finished(run("KILLED", null), 9_000, LATENESS));
  }

  @Test
  void aResumedRunReadBeforeStartsAfterItsEarlierEnd() {
    EndedRuns passed = EndedRuns.startingAt(null).taking(
        List.of(new EndedRuns.Ended("z", 7_000)), List.of(), LATENESS);
    Run resumed = run("RUNNING", 6_000L, Metric.of("a", 1, 5_000, 3));
    assertEquals(Map.of("a", 6_500L), Cuts.ofResumed(resumed, passed, null, LATENESS));
    Run fresh = run("RUNNING", null, Metric.of("a", 1, 5_000, 3));
    assertTrue(Cuts.ofResumed(fresh, passed, null, LATENESS).isEmpty());
    assertTrue(Cuts.ofResumed(resumed, EndedRuns.startingAt(null), null, LATENESS).isEmpty(),
        "a run the walk has not passed was not read to its end");
  }

  /** One point of a simulated history: when it was stamped and when the server stored it. */
  private record Point(long timestamp, long step, double value, long storedAt) {}

  @Test
  void pointsStoredOutOfOrderWithinTheLatenessAreEmittedOnceEach() {
    Random random = new Random(7);
    for (int round = 0; round < 300; round++) {
      List<Point> history = new ArrayList<>();
      long t = 1_000;
      for (int i = 0; i < 60; i++) {
        t += random.nextInt(40); // several points may share a millisecond
        long delay = random.nextInt(4) == 0 ? random.nextInt((int) LATENESS + 1) : 0;
        history.add(new Point(t, i, random.nextDouble(), t + delay));
      }
      long end = t + 10;
      List<Point> emitted = simulate(history, end, random);
      List<Point> sorted = new ArrayList<>(emitted);
      sorted.sort(Comparator.comparingLong(Point::step));
      assertEquals(history, sorted, "round " + round + ": each point once");
    }
  }

  @Test
  void aPointStoredLaterThanTheLatenessAfterACutPassedItIsMissed() {
    List<Point> history = List.of(new Point(1_000, 0, 1, 1_000), new Point(1_100, 1, 1, 1_100),
        new Point(1_050, 2, 1, 1_050 + 5 * LATENESS));
    List<Point> emitted = simulate(history, 1_200, new Random(1));
    assertEquals(List.of(history.get(0), history.get(1)), emitted);
  }

  /**
   * Polls the history at random times as a stream does: the driver moves the cut from the latest
   * point stored (MLflow's rule: the largest step, then timestamp, then value), an executor then
   * reads the points stored by then between the two cuts; once the run has ended for the
   * lateness, the points after the last cut are read once more.
   */
  private static List<Point> simulate(List<Point> history, long end, Random random) {
    List<Point> emitted = new ArrayList<>();
    SortedMap<String, Long> cuts = new TreeMap<>();
    for (long now = 1_000; ; now += 1 + random.nextInt(300)) {
      long clock = now;
      boolean finished = clock - LATENESS >= end;
      long before = cuts.getOrDefault("k", Long.MIN_VALUE);
      long after;
      if (finished) {
        after = Long.MAX_VALUE;
      } else {
        history.stream().filter(p -> p.storedAt() <= clock)
            .max(Comparator.comparingLong(Point::step).thenComparingLong(Point::timestamp))
            .ifPresent(latest -> Cuts.advance(cuts,
                List.of(Metric.of("k", latest.value(), latest.timestamp(), latest.step())),
                clock, LATENESS, null));
        after = cuts.getOrDefault("k", Long.MIN_VALUE);
      }
      long readAt = clock + random.nextInt(50);
      for (Point p : history) {
        if (p.storedAt() <= readAt && p.timestamp() > before && p.timestamp() <= after) {
          emitted.add(p);
        }
      }
      if (finished) {
        return emitted;
      }
    }
  }
}
