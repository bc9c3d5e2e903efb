package org.mlflowtables.jdbc.schema;

import java.util.List;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTableQueryable;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.jdbc.exec.MlflowSession;
import org.mlflowtables.jdbc.exec.TableReader;
import org.mlflowtables.jdbc.rel.MlflowRel;
import org.mlflowtables.jdbc.rel.MlflowTableScan;
import org.mlflowtables.jdbc.rex.SqlTypes;

/**
 * A table of core's catalogue. Planning starts from {@link MlflowTableScan}, whose rules hand
 * filters, ORDER BY, LIMIT and projections to core; at run time its {@link TableReader} streams
 * the rows of core's scan.
 */
public class MlflowTable extends AbstractQueryableTable implements TranslatableTable {
  private final TableReader reader;

  MlflowTable(TableDef def, MlflowSession session) {
    super(Object[].class);
    this.reader = new TableReader(def, session);
  }

  public TableDef def() {
    return reader.def();
  }

  public MlflowSession session() {
    return reader.session();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return SqlTypes.rowType(def(), typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    // the catalogue's guess, for the cost model only (join order); the server is never asked
    return Statistics.of(def().rowCountGuess(), List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    // The scan's own rules push reads; these implement or refuse a statement that changes the table.
    ModifyRules.RULES.forEach(cluster.getPlanner()::addRule);
    return new MlflowTableScan(cluster, cluster.traitSetOf(MlflowRel.CONVENTION), relOptTable,
        reader);
  }

  /**
   * Refuses a change MLflow cannot make (UPDATE, DELETE, MERGE; INSERT into a read-only table).
   * Called by the generated code of such a statement, so the statement fails with this message.
   */
  public Enumerable<Long> refuse(String operation) {
    throw new UnsupportedOperationException(refusal(def().name(), def().writable(), operation));
  }

  static String refusal(String table, boolean writable, String operation) {
    if (writable) {
      return "MLflow table '" + table + "' takes only INSERT, not " + operation
          + ": MLflow cannot change or delete logged " + table;
    }
    return "MLflow table '" + table + "' is read-only (" + operation + " refused): INSERT goes "
        + "to the metrics, params and tags tables";
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schema,
      String tableName) {
    return new AbstractTableQueryable<T>(queryProvider, schema, this, tableName) {
      @Override
      @SuppressWarnings("unchecked")
      public Enumerator<T> enumerator() {
        return (Enumerator<T>) reader.query(null, reader.fullScan()).enumerator();
      }
    };
  }

  @Override
  public String toString() {
    return "MlflowTable{" + def().name() + "}";
  }
}
