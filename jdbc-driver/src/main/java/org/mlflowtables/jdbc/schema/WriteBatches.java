package org.mlflowtables.jdbc.schema;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.calcite.DataContext;

/**
 * The JDBC batches of INSERTs in progress on one connection, one per statement, keyed by the
 * statement's cancel flag: the one per-statement object Calcite also puts in the DataContext of
 * each execution, so an execution finds its statement's batch without a thread-local.
 */
final class WriteBatches {
  private final Map<Object, WriteBatch> byStatement = new IdentityHashMap<>();

  /** Begins a batch on the statement whose cancel flag this is. */
  WriteBatch begin(Object statementCancelFlag) {
    WriteBatch batch = new WriteBatch(byStatement, statementCancelFlag);
    synchronized (byStatement) {
      byStatement.put(statementCancelFlag, batch);
    }
    return batch;
  }

  /** The batch in progress on the statement an execution belongs to, or null. */
  WriteBatch of(DataContext root) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    synchronized (byStatement) {
      return flag == null ? null : byStatement.get(flag);
    }
  }
}
