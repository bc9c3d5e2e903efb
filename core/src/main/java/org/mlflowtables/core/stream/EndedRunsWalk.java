package org.mlflowtables.core.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.scan.RunSearch;
import org.mlflowtables.core.scan.ScanCounters;

/**
 * One walk of the finished runs in a stream's scope by end time, from the keyset's window on
 * ({@link EndedRuns#walkFrom}): the new ones ({@link EndedRuns#isNew}), at most a limit of them
 * taken in keyset order. The walk stops once the limit is reached and the end time has moved past
 * the last run taken, so a backlog is read a batch at a time.
 */
final class EndedRunsWalk {
  private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "KILLED");

  private EndedRunsWalk() {}

  /**
   * What one walk found.
   *
   * @param taken the new runs taken, in keyset order
   * @param watched the runs of interest (see {@link #walk}) the walk met, by id
   */
  record Result(List<Run> taken, Map<String, Run> watched) {}

  /**
   * Walks the finished runs.
   *
   * @param until the latest end time to take (a trigger that reads what is there), or null
   * @param watch ids of runs whose state the caller wants when the walk meets them
   * @param accepted whether a new finished run is one the stream takes (beyond the filter sent)
   */
  static Result walk(MlflowClient client, StreamScope scope, ViewType view, EndedRuns state,
      long lateness, int limit, Long until, Set<String> watch, Predicate<Run> accepted,
      ScanCounters counters) {
    Map<String, Run> watched = new HashMap<>();
    List<Run> found = new ArrayList<>();
    if (scope.noRows()) {
      return new Result(found, watched);
    }
    String filter = scope.filterAnd(until == null ? null : "attributes.end_time <= " + until);
    Iterator<Run> runs = RunSearch.runs(client, scope.experimentIds(), filter, view,
        RunSearch.Order.END_TIME, state.walkFrom(lateness), counters);
    while (runs.hasNext()) {
      Run run = runs.next();
      Long end = run.info().endTime();
      if (end == null) {
        continue;
      }
      if (found.size() >= limit && end > found.get(limit - 1).info().endTime()) {
        break; // every run from here on comes after the ones taken
      }
      String id = run.info().runId();
      if (watch.contains(id)) {
        watched.put(id, run);
      }
      if (isTerminal(run) && state.isNew(id, end, lateness) && accepted.test(run)) {
        found.add(run);
      }
    }
    found.sort((a, b) -> EndedRuns.ORDER.compare(ended(a), ended(b)));
    return new Result(found.size() > limit ? List.copyOf(found.subList(0, limit)) : found,
        watched);
  }

  /** Whether the run reached a terminal status (FINISHED, FAILED, KILLED). */
  static boolean isTerminal(Run run) {
    return TERMINAL.contains(run.info().status());
  }

  /** The run as the keyset knows it; it must have an end time. */
  static EndedRuns.Ended ended(Run run) {
    return new EndedRuns.Ended(run.info().runId(), run.info().endTime());
  }
}
