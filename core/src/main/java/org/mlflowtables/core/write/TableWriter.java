package org.mlflowtables.core.write;

/**
 * What the engines write a table's rows through: one per Spark task or JDBC statement, made by
 * the table's {@link WriteBinding#writer}. {@link LogBatchWriter} for metrics, params and tags;
 * {@link ExperimentWriter} for experiments; {@link RunWriter} for runs; {@link InputWriter} for
 * run_inputs.
 */
public interface TableWriter extends AutoCloseable {

  /**
   * Adds a row (it may be sent at once, or buffered until {@link #flush()}).
   *
   * @throws WriteException when the row is refused or a request failed
   */
  void add(WriteRow row);

  /** Sends everything buffered and returns what the writer has written so far. */
  WriteResult flush();

  /** Flushes and releases what the writer holds. */
  @Override
  void close();

  /** Drops what is buffered and returns what reached the server; never throws. */
  WriteResult abort();

  /** What the writer has written so far. */
  default WriteResult result() {
    return counters().snapshot();
  }

  /** Live counts, for progress reporting. */
  WriteCounters counters();
}
