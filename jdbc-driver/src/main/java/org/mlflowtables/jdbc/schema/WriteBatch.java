package org.mlflowtables.jdbc.schema;

import java.util.IdentityHashMap;
import java.util.Map;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.jdbc.exec.Errors;
import org.mlflowtables.jdbc.exec.MlflowSession;

/**
 * A JDBC batch of INSERTs ({@code PreparedStatement.executeBatch()}) in progress on this thread:
 * Calcite executes the statement once per parameter set, and each execution adds its rows to one
 * {@link LogBatchWriter} per connection instead of sending them, so that the batch goes out as a
 * few log-batch requests when it ends ({@link #commit()}).
 */
public final class WriteBatch implements AutoCloseable {
  private static final ThreadLocal<WriteBatch> CURRENT = new ThreadLocal<>();

  private final WriteBatch outer;
  private final Map<MlflowSession, Writer> writers = new IdentityHashMap<>();
  private boolean committed;

  private record Writer(LogBatchWriter writer, MlflowWritableTable table) {}

  private WriteBatch(WriteBatch outer) {
    this.outer = outer;
  }

  /** Starts a batch on this thread; close it (after {@link #commit()}, or to drop its rows). */
  public static WriteBatch begin() {
    WriteBatch b = new WriteBatch(CURRENT.get());
    CURRENT.set(b);
    return b;
  }

  /** The batch in progress on this thread, or null. */
  static WriteBatch current() {
    return CURRENT.get();
  }

  LogBatchWriter writer(MlflowWritableTable table) {
    return writers.computeIfAbsent(table.session(),
        s -> new Writer(LogBatchWriter.create(s.client()), table)).writer();
  }

  /**
   * Sends every row the batch holds and waits for the server.
   *
   * @return rows written
   * @throws java.sql.SQLException (undeclared) naming the table, run and key that failed
   */
  public long commit() {
    long written = 0;
    try {
      for (Writer w : writers.values()) {
        try {
          written += w.writer().flush().rowsWritten();
        } catch (MlflowTablesException e) {
          throw Errors.raise(Errors.writing(w.table().def().name(), w.table().session(), e));
        }
      }
      committed = true;
      return written;
    } finally {
      close();
    }
  }

  /** Ends the batch; without a commit, buffered rows are dropped (what was sent stays sent). */
  @Override
  public void close() {
    if (CURRENT.get() == this) {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
    for (Writer w : writers.values()) {
      if (committed) {
        w.writer().close();
      } else {
        w.writer().abort();
      }
    }
    writers.clear();
  }
}
