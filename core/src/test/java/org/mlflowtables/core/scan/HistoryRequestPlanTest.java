package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunData;
import org.mlflowtables.core.client.model.RunInfo;

/** get-history-bulk requests are sized by the points they should return, not by runs. */
class HistoryRequestPlanTest {

  /** n runs whose keys each end at {@code lastStep}. */
  static List<Run> runs(int n, long lastStep, String... keys) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Metric> latest = new ArrayList<>();
      for (String k : keys) {
        latest.add(Metric.of(k, 1.0, 1L, lastStep));
      }
      runs.add(new Run(new RunInfo(String.format("run-%03d", i), null, "1", null, "FINISHED", 1L,
          null, null, "active"), new RunData(latest, null, null), null));
    }
    return runs;
  }

  private static List<Integer> runsPerRequest(List<HistoryReader.Task> tasks) {
    return tasks.stream().map(t -> t.runIds().size()).toList();
  }

  @Test
  void aBatchIsSpreadOverAsManyRequestsAsMayBeInFlight() {
    // 24 runs x 1 000 points = 24 000 points, 4 in flight: 4 requests of 6 runs
    List<HistoryReader.Task> tasks = HistoryReader.plan(runs(24, 999, "loss"), k -> true, 4);
    assertEquals(List.of(6, 6, 6, 6), runsPerRequest(tasks));
    tasks.forEach(t -> assertEquals(6_000, t.expectedPoints()));
  }

  @Test
  void noRequestOfSeveralRunsExpectsAsManyPointsAsTheEndpointsCap() {
    // 100 runs x 1 000 points with one request in flight: 24 000 points (24 runs) a request, as
    // an answer of exactly 25 000 would look cut and be asked again from its last run
    List<HistoryReader.Task> tasks = HistoryReader.plan(runs(100, 999, "loss"), k -> true, 1);
    assertEquals(List.of(24, 24, 24, 24, 4), runsPerRequest(tasks));
  }

  @Test
  void noRequestNamesMoreThanAHundredRuns() {
    List<HistoryReader.Task> tasks = HistoryReader.plan(runs(250, 0, "loss"), k -> true, 1);
    assertEquals(List.of(100, 100, 50), runsPerRequest(tasks));
  }

  @Test
  void aRunWhoseHistoryFillsTheCapIsARequestOfItsOwn() {
    List<HistoryReader.Task> tasks = HistoryReader.plan(runs(3, 1_000_000, "loss"), k -> true, 1);
    assertEquals(List.of(1, 1, 1), runsPerRequest(tasks));
    tasks.forEach(t -> assertEquals(25_000, t.expectedPoints()));
  }

  @Test
  void eachRequestIsOneKeyOfRunsInIdOrderAndTheFilterDropsKeys() {
    // 10 runs x 2 keys x 100 points, 4 in flight: 500 points (5 runs) a request
    List<Run> runs = runs(10, 99, "acc", "loss", "lr");
    java.util.Collections.reverse(runs);
    List<HistoryReader.Task> tasks = HistoryReader.plan(runs, k -> !k.equals("lr"), 4);
    assertEquals(List.of("acc", "acc", "loss", "loss"),
        tasks.stream().map(HistoryReader.Task::key).toList());
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> String.format("run-%03d", i)).toList();
    assertEquals(ids.subList(0, 5), tasks.get(0).runIds());
    assertEquals(ids.subList(5, 10), tasks.get(1).runIds());
    assertTrue(tasks.stream().allMatch(t -> t.expectedPoints() == 500));
  }

  @Test
  void aKeyAtStepZeroExpectsOnePoint() {
    assertEquals(1, HistoryReader.expectedPoints(Metric.of("k", 1.0, 1L, 0)));
    assertEquals(1, HistoryReader.expectedPoints(Metric.of("k", 1.0, 1L, -5)));
    assertEquals(1_000, HistoryReader.expectedPoints(Metric.of("k", 1.0, 1L, 999)));
    assertEquals(25_000, HistoryReader.expectedPoints(Metric.of("k", 1.0, 1L, Long.MAX_VALUE)));
  }
}
