package org.mlflowtables.core.write;

import java.util.Objects;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * Writes metric points, params and tags through MLflow's log-batch endpoint: each row is checked
 * as MLflow checks it, rows are grouped by run and packed into requests within MLflow's limits,
 * runs are sent in parallel, and (by default) what the server already holds is skipped, so that a
 * write can be re-run. How it works, and what each part does: {@code docs/writes.md}.
 *
 * <p>A row that breaks a rule fails {@link #add} with an {@link InvalidRowException} (a param
 * given twice with two values with a {@link ParamConflictException}); the writer stays usable. A
 * failure while sending or reading stops the writer: buffered rows are dropped (counted in {@link
 * WriteResult#rowsDiscarded()}), and the next call to {@link #add}, {@link #flush()} or {@link
 * #close()} throws it. Every {@link WriteException} carries the counts of what was written: MLflow
 * has no transactions, so that is what stays on the server.
 *
 * <p>Thread-safe. Use one writer per task (Spark partition, JDBC statement); close it.
 */
public final class LogBatchWriter implements TableWriter {
  /** Rows buffered before {@link #add} waits. */
  public static final long DEFAULT_MAX_BUFFERED_ROWS = 100_000;
  /** Estimated request bytes buffered before {@link #add} waits. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;

  private final LogBatchBackend backend;
  private final WriterOptions options;
  private final WriteCounters counters;
  private final SendScheduler scheduler;
  private final LogBatchValidator.Checker checker = new LogBatchValidator.Checker();

  private LogBatchWriter(LogBatchBackend backend, WriterOptions options) {
    this.backend = backend;
    this.options = options;
    this.counters = new WriteCounters(backend::requests, backend::retries);
    this.scheduler = new SendScheduler(backend, options, counters);
  }

  /** A writer with the client's settings ({@code maxInFlight}, {@code deduplicate}). */
  public static LogBatchWriter create(MlflowClient client) {
    return builder(client).build();
  }

  /** A builder starting from the client's settings. */
  public static Builder builder(MlflowClient client) {
    Objects.requireNonNull(client, "client");
    return new Builder(LogBatchBackend.of(client), client.config());
  }

  /** For tests: a writer over any backend. */
  static Builder builder(LogBatchBackend backend, MlflowConfig config) {
    return new Builder(backend, config);
  }

  /**
   * Adds a row. Waits while too much is buffered.
   *
   * @throws InvalidRowException when the row breaks one of MLflow's rules (nothing of it is kept;
   *     the writer stays usable)
   * @throws ParamConflictException when the input gave this param before with another value
   * @throws WriteException when an earlier request failed (the writer is then unusable)
   * @throws IllegalStateException after {@link #close()} or {@link #abort()}
   * @throws IllegalArgumentException when the row is no metric, param or tag
   */
  @Override
  public void add(WriteRow row) {
    Objects.requireNonNull(row, "row");
    if (!(row instanceof LogRow logRow)) {
      throw new IllegalArgumentException("log-batch takes metrics, params and tags, not an "
          + row.kind());
    }
    try {
      checker.validate(logRow);
    } catch (InvalidRowException e) {
      throw e.withResult(counters.snapshot());
    }
    scheduler.add(logRow);
  }

  /** Adds rows in order; see {@link #add(LogRow)}. */
  public void addAll(Iterable<? extends LogRow> rows) {
    for (LogRow row : rows) {
      add(row);
    }
  }

  /**
   * Sends everything buffered and waits until it is acknowledged.
   *
   * @return what the writer has written so far
   * @throws WriteException when a request failed (now or before)
   */
  @Override
  public WriteResult flush() {
    return scheduler.flush();
  }

  /**
   * Flushes and releases the threads. A second call does nothing.
   *
   * @throws WriteException when a request failed (now or before); the writer is closed anyway
   */
  @Override
  public void close() {
    scheduler.close();
  }

  /**
   * Drops what is buffered, waits for the requests in flight and closes the writer. Never
   * throws: the result says what reached the server (MLflow cannot take it back).
   */
  @Override
  public WriteResult abort() {
    return scheduler.abort();
  }

  /** What the writer has written so far. */
  @Override
  public WriteResult result() {
    return counters.snapshot();
  }

  /** Live counts, for progress reporting. */
  @Override
  public WriteCounters counters() {
    return counters;
  }

  /** Metric points read from the server for de-duplication so far. */
  public long pointsRead() {
    return scheduler.pointsRead();
  }

  /** Rows waiting to be sent (for tests). */
  long bufferedRows() {
    return scheduler.bufferedRows();
  }

  @Override
  public String toString() {
    return "LogBatchWriter{" + backend + ", maxInFlight=" + options.maxInFlight()
        + ", deduplicate=" + options.deduplicate() + ", " + counters.snapshot().summary() + "}";
  }

  /** Options of a {@link LogBatchWriter}; each setter checks its value. */
  public static final class Builder {
    private final LogBatchBackend backend;
    private int maxInFlight;
    private boolean deduplicate;
    private long maxBufferedRows = DEFAULT_MAX_BUFFERED_ROWS;
    private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    private LogBatchLimits limits = LogBatchLimits.MLFLOW;
    private int historyPage = MlflowClient.MAX_HISTORY_PAGE;

    private Builder(LogBatchBackend backend, MlflowConfig config) {
      this.backend = backend;
      this.maxInFlight = config == null ? MlflowConfig.MAX_IN_FLIGHT_DEFAULT : config.maxInFlight();
      this.deduplicate = config == null || config.deduplicate();
    }

    /** Requests in flight at once, reads included (default: the config's {@code maxInFlight}). */
    public Builder maxInFlight(int n) {
      this.maxInFlight = within("maxInFlight", n, 1, 256);
      return this;
    }

    /** Whether to skip what is already on the server (default: the config's). */
    public Builder deduplicate(boolean on) {
      this.deduplicate = on;
      return this;
    }

    /** Rows buffered before {@link LogBatchWriter#add} waits. */
    public Builder maxBufferedRows(long n) {
      this.maxBufferedRows = positive("maxBufferedRows", n);
      return this;
    }

    /** Estimated JSON bytes buffered before {@link LogBatchWriter#add} waits. */
    public Builder maxBufferedBytes(long n) {
      this.maxBufferedBytes = positive("maxBufferedBytes", n);
      return this;
    }

    /** The packing budget of one request (default {@link LogBatchLimits#MLFLOW}). */
    public Builder limits(LogBatchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Points asked for per history call (the server caps it at 25 000); for tests. */
    Builder historyPage(int n) {
      this.historyPage = within("historyPage", n, 1, MlflowClient.MAX_HISTORY_PAGE);
      return this;
    }

    private static int within(String name, int n, int min, int max) {
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max
            + ", got " + n);
      }
      return n;
    }

    private static long positive(String name, long n) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be positive, got " + n);
      }
      return n;
    }

    public LogBatchWriter build() {
      return new LogBatchWriter(backend, new WriterOptions(maxInFlight, deduplicate,
          maxBufferedRows, maxBufferedBytes, limits, historyPage));
    }
  }
}
