package org.mlflowtables.jdbc.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Implements INSERT into {@code metrics}, {@code params} or {@code tags}: the input rows, as
 * arrays in the table's column order, go to {@link MlflowWritableTable#insert}, which writes them
 * with core's log-batch writer and returns the row count.
 */
public final class EnumerableMlflowTableModify extends TableModify implements EnumerableRel {
  EnumerableMlflowTableModify(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traitSet, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableMlflowTableModify(getCluster(), traitSet, getTable(),
        getCatalogReader(), sole(inputs), getOperation(), getUpdateColumnList(),
        getSourceExpressionList(), isFlattened());
  }

  /** Cheaper than Calcite's own table modify, which cannot implement these statements. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeTinyCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    MlflowWritableTable target = getTable().unwrap(MlflowWritableTable.class);
    PhysType resultType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.SCALAR);
    if (target == null || getOperation() != Operation.INSERT) {
      // UPDATE, DELETE, MERGE, or INSERT into a read-only table: the statement fails when run.
      MlflowTable table = requireNonNull(getTable().unwrap(MlflowTable.class), "MLflow table");
      BlockBuilder refuse = new BlockBuilder();
      Expression t = Expressions.convert_(implementor.stash(table, MlflowTable.class),
          MlflowTable.class);
      refuse.add(Expressions.return_(null, Expressions.call(t, MlflowMethod.REFUSE.method,
          Expressions.constant(getOperation().name()))));
      return implementor.result(resultType, refuse.toBlock());
    }
    BlockBuilder block = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression childRows = block.append("child", child.block);

    // Rows as Object[] in the table's column order, whatever the child's row format.
    JavaTypeFactory typeFactory = implementor.getTypeFactory();
    PhysType tableType = PhysTypeImpl.of(typeFactory, getTable().getRowType(),
        JavaRowFormat.ARRAY, false);
    PhysType childType = child.physType;
    ParameterExpression row = Expressions.parameter(childType.getJavaRowType(), "row");
    List<Expression> fields = new ArrayList<>();
    for (int i = 0; i < childType.getRowType().getFieldCount(); i++) {
      fields.add(Expressions.box(
          childType.fieldReference(row, i, tableType.getJavaFieldType(i))));
    }
    Expression arrays = block.append("rows", Expressions.call(childRows,
        BuiltInMethod.SELECT.method, Expressions.lambda(tableType.record(fields), row)));

    // The same table object may be stashed already for a scan (INSERT ... SELECT from it),
    // typed as its superclass: cast.
    Expression table = Expressions.convert_(
        implementor.stash(target, MlflowWritableTable.class), MlflowWritableTable.class);
    block.add(Expressions.return_(null, Expressions.call(table, MlflowMethod.INSERT.method,
        implementor.getRootExpression(), arrays)));
    PhysType physType = PhysTypeImpl.of(typeFactory, getRowType(), JavaRowFormat.SCALAR);
    return implementor.result(physType, block.toBlock());
  }
}
