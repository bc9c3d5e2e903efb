package org.mlflowtables.jdbc.schema;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.TableWriter;
import org.mlflowtables.jdbc.exec.Errors;

/**
 * A JDBC batch of INSERTs ({@code executeBatch()}) in progress on one statement: Calcite executes
 * the statement once per parameter set (or SQL string), and each execution adds its rows to this
 * batch's writer instead of sending them, so that the batch goes out as a few log-batch requests
 * ({@link #commit()}). The batch belongs to its statement: the driver's Meta begins it under the
 * statement's cancel flag, the one per-statement object Calcite also hands the generated code (in
 * its {@link DataContext}), through which each execution finds it ({@link WriteBatches}).
 */
public final class WriteBatch implements AutoCloseable {
  private final Map<Object, WriteBatch> registry;
  private final Object statement;
  private final Map<MlflowWritableTable, TableWriter> writers = new IdentityHashMap<>();
  private boolean committed;

  WriteBatch(Map<Object, WriteBatch> registry, Object statement) {
    this.registry = registry;
    this.statement = statement;
  }

  /** The writer of a table in this batch. */
  TableWriter writer(MlflowWritableTable table) {
    return writers.computeIfAbsent(table, MlflowWritableTable::writer);
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
      for (Map.Entry<MlflowWritableTable, TableWriter> w : writers.entrySet()) {
        try {
          written += w.getValue().flush().rowsWritten();
        } catch (MlflowTablesException e) {
          MlflowWritableTable table = w.getKey();
          throw Errors.raise(Errors.writing(table.def().name(), table.session(), e));
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
    synchronized (registry) {
      registry.remove(statement, this);
    }
    for (TableWriter w : writers.values()) {
      if (committed) {
        w.close();
      } else {
        w.abort();
      }
    }
    writers.clear();
  }
}
