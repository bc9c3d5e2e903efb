package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryQueueTest {
  private final HistoryQueue queue = new HistoryQueue(1000);
  private final Map<String, Integer> sizes = new HashMap<>();

  private void add(String key, String run, int points) {
    sizes.put(run + "/" + key, points);
    queue.add(key, run, points);
  }

  private HistoryQueue.Read next(boolean all) {
    return queue.next(all, 100, (run, key) -> sizes.get(run + "/" + key));
  }

  @Test
  void aKeyWaitsUntilItsRunsFillAnAnswer() {
    add("loss", "a", 300);
    add("loss", "b", 300);
    add("loss", "c", 300);
    assertNull(next(false));
    add("loss", "d", 300);
    assertEquals(new HistoryQueue.Read("loss", List.of("a", "b", "c")), next(false));
    assertEquals(new HistoryQueue.Read("loss", List.of("d")), next(false), "due until empty");
    assertNull(next(false));
  }

  @Test
  void aKeyOfARunSentEarlyIsDueAtOnce() {
    add("loss", "a", 10);
    add("acc", "a", 10);
    assertNull(next(false));
    queue.due("acc");
    assertEquals(new HistoryQueue.Read("acc", List.of("a")), next(false));
    assertNull(next(false));
  }

  @Test
  void whileFlushingEveryKeyIsRead() {
    add("loss", "a", 10);
    add("acc", "b", 10);
    add("loss", "c", 10);
    assertEquals(new HistoryQueue.Read("loss", List.of("a", "c")), next(true));
    assertEquals(new HistoryQueue.Read("acc", List.of("b")), next(true));
    assertNull(next(true));
  }

  @Test
  void aReadOfSeveralRunsExpectsFewerPointsThanAFullAnswer() {
    // a full answer looks cut at the cap: its last run would be read again
    add("loss", "a", 500);
    add("loss", "b", 500);
    add("loss", "c", 499);
    assertEquals(new HistoryQueue.Read("loss", List.of("a")), next(false));
    assertEquals(new HistoryQueue.Read("loss", List.of("b", "c")), next(true));
  }

  @Test
  void aReadNamesAtMostMaxRunsAndAtLeastOne() {
    for (int i = 0; i < 5; i++) {
      add("loss", "r" + i, 1);
    }
    assertEquals(List.of("r0", "r1"), queue.next(true, 2, (r, k) -> 1).runIds());
    add("big", "x", 5000);
    assertEquals(new HistoryQueue.Read("big", List.of("x")), next(false), "over a page: due");
  }
}
