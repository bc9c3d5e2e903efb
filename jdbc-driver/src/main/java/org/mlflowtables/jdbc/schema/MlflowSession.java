package org.mlflowtables.jdbc.schema;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * What the tables of one JDBC connection share: the settings, a client, and the JDBC batches of
 * INSERTs in progress (one per statement). Clients of equal settings share core's connection pool
 * across connections; statements of one connection may run on several threads.
 */
public final class MlflowSession {
  private final MlflowConfig config;
  private final MlflowClient client;
  /** The JDBC batches in progress, by their statement's cancel flag. */
  private final Map<Object, WriteBatch> batches = new IdentityHashMap<>();

  public MlflowSession(MlflowConfig config) {
    this.config = config;
    this.client = MlflowClient.create(config);
  }

  public MlflowConfig config() {
    return config;
  }

  public MlflowClient client() {
    return client;
  }

  /**
   * Begins a JDBC batch of INSERTs on a statement (given by its cancel flag, which Calcite also
   * puts in the statement's {@link DataContext}); close it, after {@link WriteBatch#commit()} or
   * to drop its rows.
   */
  public WriteBatch beginBatch(Object statementCancelFlag) {
    WriteBatch batch = new WriteBatch(batches, statementCancelFlag);
    synchronized (batches) {
      batches.put(statementCancelFlag, batch);
    }
    return batch;
  }

  /** The batch in progress on the statement an execution belongs to, or null. */
  WriteBatch batchOf(DataContext root) {
    Object flag = root.get(DataContext.Variable.CANCEL_FLAG.camelName);
    synchronized (batches) {
      return flag == null ? null : batches.get(flag);
    }
  }

  /** The tracking URI without user info, for messages. */
  public String where() {
    return config.redactedUri();
  }

  @Override
  public String toString() {
    return "MlflowSession{" + config.redactedUri() + "}";
  }
}
