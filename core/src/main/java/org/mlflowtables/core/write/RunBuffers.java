package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.write.RequestPacker.Packed;

/**
 * The buffers of every run a writer has seen, with what they hold in all against the writer's
 * budget. Not thread-safe: used under the writer's lock.
 */
final class RunBuffers {
  private final Map<String, RunBuffer> runs = new LinkedHashMap<>();
  private final WriterOptions options;
  private final WriteCounters counters;
  private long rows;
  private long bytes;

  RunBuffers(WriterOptions options, WriteCounters counters) {
    this.options = options;
    this.counters = counters;
  }

  /** Every run's buffer by run id (shared with de-duplication, under the same lock). */
  Map<String, RunBuffer> byRunId() {
    return runs;
  }

  RunBuffer get(String runId) {
    return runs.get(runId);
  }

  Iterable<RunBuffer> all() {
    return runs.values();
  }

  /**
   * Buffers a row of new input; returns its run's buffer, or null for a repeat (counted as
   * skipped).
   */
  RunBuffer add(LogRow row) {
    RunBuffer run = runs.computeIfAbsent(row.runId(), RunBuffer::new);
    if (!run.admit(row, options.deduplicate(), counters)) {
      if (row instanceof MetricRow) {
        counters.pointsSkipped(run.runId, 1);
      } else {
        counters.paramsSkipped(run.runId, 1);
      }
      return null;
    }
    bytes += run.enqueue(row);
    rows++;
    return run;
  }

  /** Books the rows a request took off a run's buffer (sent or skipped). */
  void took(RunBuffer run, Packed packed) {
    rows -= packed.rowsTaken();
    bytes -= packed.bytesTaken();
    run.taken(packed);
    counters.pointsSkipped(run.runId, packed.metricsSkipped());
    counters.paramsSkipped(run.runId, packed.paramsSkipped());
  }

  long rows() {
    return rows;
  }

  boolean overBudget() {
    return rows > options.maxBufferedRows() || bytes > options.maxBufferedBytes();
  }

  /** Up to {@code n} runs with rows, none being sent and not yet forced, largest first. */
  List<RunBuffer> largestIdle(int n) {
    List<RunBuffer> idle = new ArrayList<>();
    for (RunBuffer run : runs.values()) {
      if (run.inFlight == 0 && !run.forced && run.rows() > 0) {
        idle.add(run);
      }
    }
    idle.sort(Comparator.comparingInt(RunBuffer::rows).reversed());
    return idle.subList(0, Math.max(0, Math.min(n, idle.size())));
  }

  /** Drops every buffered row (counted as discarded). */
  void discardAll() {
    for (RunBuffer run : runs.values()) {
      int n = run.discard();
      if (n > 0) {
        counters.discarded(run.runId, n);
      }
      run.queued = false;
    }
    rows = 0;
    bytes = 0;
  }
}
