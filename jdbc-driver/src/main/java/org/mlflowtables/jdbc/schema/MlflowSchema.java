package org.mlflowtables.jdbc.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.jdbc.exec.MlflowSession;

/** Schema {@code mlflow}: every table of core's catalogue, by its lower-case name. */
public final class MlflowSchema extends AbstractSchema {
  private final MlflowSession session;
  private final WriteBatches batches = new WriteBatches();
  private final Map<String, Table> tables;

  /**
   * @param scanStreams search streams one query reads a table with at once, 1 or more
   */
  public MlflowSchema(MlflowConfig config, int scanStreams) {
    this.session = new MlflowSession(config, scanStreams);
    Map<String, Table> m = new LinkedHashMap<>();
    for (TableDef def : Tables.all()) {
      m.put(def.name(), def.writable()
          ? new MlflowWritableTable(def, session, batches)
          : new MlflowTable(def, session));
    }
    this.tables = m;
  }

  public MlflowSession session() {
    return session;
  }

  /**
   * Begins a JDBC batch of INSERTs on a statement (given by its cancel flag); close it, after
   * {@link WriteBatch#commit()} or to drop its rows.
   */
  public WriteBatch beginBatch(Object statementCancelFlag) {
    return batches.begin(statementCancelFlag);
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  @Override
  public boolean isMutable() {
    return false;
  }
}
