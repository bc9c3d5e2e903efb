package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntBiFunction;

/**
 * The (run, key) histories de-duplication has still to read, and when to read them. A key's reads
 * wait until they are due, so that one request serves many runs: some servers read every point
 * of the key in the database for each history request (SQLite, see docs/benchmarks.md), whatever
 * the runs asked for. A key is due once the points expected of its waiting runs fill an answer,
 * once a run waiting for it is to be sent early (buffer pressure), and, for every key, while the
 * writer flushes; it stays due until nothing of it waits. Not thread-safe: used under the
 * writer's lock.
 */
final class HistoryQueue {
  /** One read: a key for some runs. */
  record Read(String key, List<String> runIds) {}

  private final int page;
  private final Map<String, Set<String>> waiting = new LinkedHashMap<>();
  private final Map<String, Long> points = new LinkedHashMap<>();
  private final Set<String> due = new LinkedHashSet<>();

  /** @param page the most points one answer holds */
  HistoryQueue(int page) {
    this.page = page;
  }

  /** The run's history of the key is to be read; about {@code expected} points. */
  void add(String key, String runId, int expected) {
    if (waiting.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(runId)
        && points.merge(key, (long) expected, Long::sum) >= page) {
      due.add(key);
    }
  }

  /** Reads the key as soon as possible. */
  void due(String key) {
    if (waiting.containsKey(key)) {
      due.add(key);
    }
  }

  /**
   * The next read: the runs of a due key (of any key when {@code all}), as many as the points
   * expected of them stay under one answer's most, at most {@code maxRuns}; null when nothing is
   * due. (A full answer cannot be told from one cut there: its last run would be read again.)
   */
  Read next(boolean all, int maxRuns, ToIntBiFunction<String, String> expected) {
    Iterator<String> keys = (due.isEmpty() && all ? waiting.keySet() : due).iterator();
    if (!keys.hasNext()) {
      return null;
    }
    String key = keys.next();
    Set<String> runs = waiting.get(key);
    List<String> group = new ArrayList<>();
    long taken = 0;
    for (Iterator<String> it = runs.iterator(); it.hasNext() && group.size() < maxRuns; ) {
      String runId = it.next();
      int n = expected.applyAsInt(runId, key);
      if (!group.isEmpty() && taken + n >= page) {
        break;
      }
      group.add(runId);
      taken += n;
      it.remove();
    }
    if (runs.isEmpty()) {
      waiting.remove(key);
      points.remove(key);
      due.remove(key);
    } else {
      points.put(key, runs.stream().mapToLong(r -> expected.applyAsInt(r, key)).sum());
    }
    return new Read(key, group);
  }
}
