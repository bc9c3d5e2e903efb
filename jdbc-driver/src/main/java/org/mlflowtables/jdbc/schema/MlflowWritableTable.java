package org.mlflowtables.jdbc.schema;

import java.util.Collection;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.schema.ModifiableTable;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.RowMapping;
import org.mlflowtables.core.write.TableWriter;
import org.mlflowtables.core.write.WriteBinding;
import org.mlflowtables.core.write.WriteResult;
import org.mlflowtables.jdbc.exec.Errors;
import org.mlflowtables.jdbc.exec.MlflowSession;

/**
 * A table that takes INSERT ({@code metrics}, {@code params}, {@code tags}, {@code experiments}):
 * each row is mapped by core's write binding and written by the table's core {@link TableWriter}
 * (for metrics, params and tags the log-batch writer: grouped by run, packed into log-batch
 * requests, de-duplicated). UPDATE and DELETE are refused: MLflow can change neither.
 */
public final class MlflowWritableTable extends MlflowTable implements ModifiableTable {

  private final RowMapping mapping;
  private final Defaults defaults;
  private final WriteBatches batches;

  MlflowWritableTable(TableDef def, MlflowSession session, WriteBatches batches) {
    super(def, session);
    this.batches = batches;
    WriteBinding binding = def.writes().orElseThrow();
    this.mapping = binding.mapping(def.name());
    this.defaults = new Defaults(binding);
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    if (operation != TableModify.Operation.INSERT) {
      throw new UnsupportedOperationException(refusal(def().name(), true, operation.name()));
    }
    cluster.getPlanner().addRule(ModifyRules.TABLE_MODIFY);
    return new MlflowTableModify(cluster, cluster.traitSetOf(Convention.NONE), table,
        catalogReader, child, operation, updateColumnList, sourceExpressionList, flattened);
  }

  @Override
  public <C> C unwrap(Class<C> aClass) {
    if (aClass.isInstance(defaults)) {
      return aClass.cast(defaults);
    }
    return super.unwrap(aClass);
  }

  /**
   * Columns an INSERT may leave out although reads never return NULL there (the binding does not
   * require them: {@code experiment_id}, ignored because a run knows its experiment, and {@code
   * step}, 0 as in MLflow): 0 or '' as their type takes.
   */
  static final class Defaults extends NullInitializerExpressionFactory {
    private final WriteBinding binding;

    Defaults(WriteBinding binding) {
      this.binding = binding;
    }

    private boolean defaulted(RelDataTypeField field) {
      return !binding.required(field.getName()) && !field.getType().isNullable();
    }

    @Override
    public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
      return defaulted(table.getRowType().getFieldList().get(iColumn)) ? ColumnStrategy.DEFAULT
          : super.generationStrategy(table, iColumn);
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable table, int iColumn,
        InitializerContext context) {
      RelDataTypeField field = table.getRowType().getFieldList().get(iColumn);
      RexBuilder rexBuilder = context.getRexBuilder();
      if (defaulted(field) && SqlTypeUtil.isNumeric(field.getType())) {
        return rexBuilder.makeExactLiteral(java.math.BigDecimal.ZERO, field.getType());
      }
      if (defaulted(field) && SqlTypeUtil.isCharacter(field.getType())) {
        return rexBuilder.makeLiteral("", field.getType());
      }
      return super.newColumnDefaultValue(table, iColumn, context);
    }
  }

  /** Not used: inserts go through {@link #insert}; reached only by UPDATE, DELETE or MERGE. */
  @Override
  public Collection<?> getModifiableCollection() {
    throw new UnsupportedOperationException(onlyInsert(def().name()));
  }

  private static String onlyInsert(String table) {
    return refusal(table, true, "UPDATE or DELETE");
  }

  /**
   * Writes rows (arrays in the table's column order) and returns the number of rows written.
   * Inside a JDBC batch of the statement the rows are only buffered, sent with the batch's other
   * rows when it ends, and the count is the number of rows taken (points already on the server
   * are skipped when the batch is sent). Called by the generated code of an INSERT.
   */
  public Enumerable<Long> insert(DataContext root, Enumerable<Object[]> rows) {
    WriteBatch batch = batches.of(root);
    if (batch != null) {
      long taken;
      try {
        taken = add(batch.writer(this), rows);
      } catch (MlflowTablesException e) {
        throw Errors.raise(Errors.writing(def().name(), session(), e));
      }
      return Linq4j.singletonEnumerable(taken);
    }
    TableWriter writer = writer();
    try {
      add(writer, rows);
      WriteResult result = writer.flush();
      writer.close();
      return Linq4j.singletonEnumerable(result.rowsWritten());
    } catch (MlflowTablesException e) {
      writer.abort();
      throw Errors.raise(Errors.writing(def().name(), session(), e));
    } catch (RuntimeException | Error e) {
      writer.abort();
      throw e;
    }
  }

  /** A new writer of this table's rows. */
  TableWriter writer() {
    return mapping.binding().writer(session().client());
  }

  /** Rows come in the table's column order, as the table's own types: core maps them. */
  private long add(TableWriter writer, Enumerable<Object[]> rows) {
    long n = 0;
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        writer.add(mapping.toRow(e.current()));
        n++;
      }
    }
    return n;
  }
}
