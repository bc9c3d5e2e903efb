package org.mlflowtables.core.write;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link LogBatchWriter} did, for the engines to report (Spark task metrics and commit
 * messages, JDBC update counts). Immutable and serializable.
 *
 * @param pointsWritten metric points sent in log-batch requests the server acknowledged
 * @param pointsSkipped metric points not sent: already on the server, or given twice in the input
 *     (only with de-duplication on)
 * @param paramsWritten params sent and acknowledged
 * @param paramsSkipped params not sent: already on the server with the same value, or given twice
 *     with the same value
 * @param tagsWritten tags sent and acknowledged
 * @param created experiments, runs or run inputs created (rows of {@code experiments}, {@code
 *     runs} or {@code run_inputs} that were new to the server)
 * @param rowsDiscarded rows accepted but not acknowledged, because the write failed or was
 *     aborted: still buffered, or in the request that failed (MLflow may have stored part of
 *     that one: it commits a request's params, metrics and tags separately)
 * @param logBatchRequests log-batch requests acknowledged
 * @param requests every HTTP request of the writer: log-batch, de-duplication reads and retries
 * @param retries requests that repeated a failed attempt
 * @param runs the same counts per run id, sorted by run id
 */
public record WriteResult(
    long pointsWritten,
    long pointsSkipped,
    long paramsWritten,
    long paramsSkipped,
    long tagsWritten,
    long created,
    long rowsDiscarded,
    long logBatchRequests,
    long requests,
    long retries,
    Map<String, RunCounts> runs)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Nothing written. */
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

  /**
   * The counts of one run.
   *
   * @param pointsWritten metric points acknowledged
   * @param pointsSkipped metric points skipped as duplicates
   * @param paramsWritten params acknowledged
   * @param paramsSkipped params already set to the same value
   * @param tagsWritten tags acknowledged
   * @param rowsDiscarded rows not acknowledged because the write failed or was aborted
   * @param logBatchRequests log-batch requests acknowledged
   */
  public record RunCounts(
      long pointsWritten,
      long pointsSkipped,
      long paramsWritten,
      long paramsSkipped,
      long tagsWritten,
      long rowsDiscarded,
      long logBatchRequests)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether anything of the run reached the server. */
    public boolean anyWritten() {
      return pointsWritten + paramsWritten + tagsWritten > 0;
    }

    @Override
    public String toString() {
      return pointsWritten + " points" + (pointsSkipped > 0 ? " (+" + pointsSkipped + " skipped)" : "")
          + ", " + paramsWritten + " params, " + tagsWritten + " tags"
          + (rowsDiscarded > 0 ? ", " + rowsDiscarded + " rows not written" : "");
    }
  }

  public WriteResult {
    runs = Collections.unmodifiableMap(new TreeMap<>(runs == null ? Map.of() : runs));
  }

  /** The counts of one run; zeros for a run the writer never saw. */
  public RunCounts run(String runId) {
    RunCounts c = runs.get(runId);
    return c != null ? c : new RunCounts(0, 0, 0, 0, 0, 0, 0);
  }

  /** Rows that reached the server: points, params and tags written, experiments created. */
  public long rowsWritten() {
    return pointsWritten + paramsWritten + tagsWritten + created;
  }

  /**
   * One line: what was written, what was skipped, in how many runs and requests, and (for up to
   * five runs) per run.
   */
  public String summary() {
    StringBuilder b = new StringBuilder();
    if (created > 0) {
      b.append(created).append(" experiments, runs or run inputs created, ");
    }
    b.append(pointsWritten).append(" metric points");
    if (pointsSkipped > 0) {
      b.append(" (").append(pointsSkipped).append(" skipped as duplicates)");
    }
    b.append(", ").append(paramsWritten).append(" params");
    if (paramsSkipped > 0) {
      b.append(" (").append(paramsSkipped).append(" already set)");
    }
    b.append(", ").append(tagsWritten).append(" tags");
    long runsWritten = runs.values().stream().filter(RunCounts::anyWritten).count();
    b.append(" in ").append(runsWritten).append(runsWritten == 1 ? " run" : " runs")
        .append(" with ").append(logBatchRequests).append(" log-batch requests");
    if (rowsDiscarded > 0) {
      b.append("; ").append(rowsDiscarded).append(" buffered rows not written");
    }
    if (!runs.isEmpty() && runs.size() <= 5) {
      b.append(" [");
      String sep = "";
      for (Map.Entry<String, RunCounts> e : runs.entrySet()) {
        b.append(sep).append("run ").append(e.getKey()).append(": ").append(e.getValue());
        sep = "; ";
      }
      b.append(']');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "WriteResult{" + summary() + ", requests=" + requests + ", retries=" + retries + "}";
  }
}
