package org.mlflowtables.core.write;

import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * A log-batch write failed. The message says why, naming the run (and key) where known, and
 * what was written so far: MLflow's log-batch is not transactional, so rows sent before the
 * failure stay on the server. {@link #result()} has the counts per run. Serializable (strings,
 * counts and an optional {@link org.mlflowtables.core.exceptions.MlflowApiException} cause).
 */
public class WriteException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  private final String runId;
  private final WriteResult result;

  public WriteException(String detail, String runId, WriteResult result, Throwable cause) {
    super(compose(detail, result), cause);
    this.detail = detail;
    this.runId = runId;
    this.result = result == null ? WriteResult.EMPTY : result;
  }

  private static String compose(String detail, WriteResult result) {
    if (result == null || result.rowsWritten() == 0) {
      return detail + " Nothing was written so far"
          + (result != null && result.rowsDiscarded() > 0
              ? " (" + result.rowsDiscarded() + " rows dropped unsent)." : ".");
    }
    return detail + " Written so far: " + result.summary() + ".";
  }

  /** The reason, without the summary of what was written. */
  public String detail() {
    return detail;
  }

  /** The run the failure concerns, or null when it concerns none in particular. */
  public String runId() {
    return runId;
  }

  /** What the writer had written when the failure was reported. */
  public WriteResult result() {
    return result;
  }

  /** The same failure, reported with newer counts (thrown again from a later call). */
  WriteException withResult(WriteResult newer) {
    return new WriteException(detail, runId, newer, getCause());
  }
}
