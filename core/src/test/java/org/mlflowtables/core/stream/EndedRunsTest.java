package org.mlflowtables.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.stream.EndedRuns.Ended;

/**
 * The keyset of finished runs: a run is taken once, a late one within the lateness too, one later
 * than that never; the window's ids stay bounded.
 */
class EndedRunsTest {
  private static final long LATENESS = 1_000;

  /** One poll: the runs visible now that the keyset takes (all of them, no limit). */
  private static EndedRuns poll(EndedRuns state, List<Ended> visible, List<String> emitted) {
    List<Ended> taken = new ArrayList<>();
    for (Ended e : visible) {
      if (state.isNew(e.runId(), e.endTime(), LATENESS)) {
        taken.add(e);
      }
    }
    taken.sort(EndedRuns.ORDER);
    taken.forEach(e -> emitted.add(e.runId()));
    return state.taking(taken, List.of(), LATENESS);
  }

  @Test
  void theWalkStartsTheLatenessBeforeTheNewestRunTakenAndNotBeforeTheFloor() {
    assertEquals(0, EndedRuns.startingAt(null).walkFrom(LATENESS));
    assertEquals(500, EndedRuns.startingAt(500L).walkFrom(LATENESS));
    EndedRuns s = EndedRuns.startingAt(500L).taking(List.of(new Ended("a", 5_000)), List.of(),
        LATENESS);
    assertEquals(4_000, s.walkFrom(LATENESS));
    assertEquals(5_000, s.endTime());
    assertEquals("a", s.runId());
  }

  @Test
  void aRunAlreadyTakenIsNotNewAgain() {
    EndedRuns s = EndedRuns.startingAt(null).taking(List.of(new Ended("a", 5_000)), List.of(),
        LATENESS);
    assertFalse(s.isNew("a", 5_000, LATENESS));
    assertTrue(s.isNew("b", 5_000, LATENESS), "another run of the same end time");
    assertTrue(s.isNew("c", 4_500, LATENESS), "a run ending late, within the lateness");
    assertFalse(s.isNew("d", 3_999, LATENESS), "a run ending later than the lateness allows");
  }

  @Test
  void theWindowKeepsOnlyRunsItCanStillMeet() {
    EndedRuns s = EndedRuns.startingAt(null).taking(
        List.of(new Ended("a", 1_000), new Ended("b", 2_000), new Ended("c", 5_000)),
        List.of(new Ended("done-elsewhere", 9_000)), LATENESS);
    assertEquals(Map.of("c", 5_000L, "done-elsewhere", 9_000L), s.recent());
    assertEquals("c", s.runId(), "runs finished elsewhere do not move the keyset");
  }

  @Test
  void runsMadeVisibleInAnyOrderWithinTheLatenessAreEachTakenOnce() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      // Runs end at increasing times (by their clocks) and become visible after a delay of up
      // to the lateness, so that a run can show after others that ended later.
      Map<String, long[]> runs = new HashMap<>(); // id -> {end, visible at}
      long t = 10_000;
      for (int i = 0; i < 30; i++) {
        t += random.nextInt(300);
        runs.put("r" + i, new long[] {t, t + random.nextInt((int) LATENESS)});
      }
      List<String> emitted = new ArrayList<>();
      EndedRuns state = EndedRuns.startingAt(null);
      for (long now = 10_000; now < t + 3 * LATENESS; now += 1 + random.nextInt(400)) {
        List<Ended> visible = new ArrayList<>();
        long at = now;
        runs.forEach((id, r) -> {
          if (r[1] <= at) {
            visible.add(new Ended(id, r[0]));
          }
        });
        state = poll(state, visible, emitted);
        assertTrue(state.recent().size() <= runs.size());
      }
      List<String> sorted = new ArrayList<>(emitted);
      sorted.sort(null);
      List<String> all = new ArrayList<>(runs.keySet());
      all.sort(null);
      assertEquals(all, sorted, "round " + round + ": each run once");
    }
  }

  @Test
  void aRunVisibleLaterThanTheLatenessBehindTheNewestIsMissedAndSaysSo() {
    List<String> emitted = new ArrayList<>();
    EndedRuns state = poll(EndedRuns.startingAt(null), List.of(new Ended("new", 10_000)),
        emitted);
    state = poll(state, List.of(new Ended("new", 10_000), new Ended("old", 8_000)), emitted);
    assertEquals(List.of("new"), emitted);
  }
}
