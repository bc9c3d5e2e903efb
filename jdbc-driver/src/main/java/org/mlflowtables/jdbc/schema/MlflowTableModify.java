package org.mlflowtables.jdbc.schema;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

/**
 * INSERT into an MLflow table, before implementation. Its own class (rather than
 * {@code LogicalTableModify}) so that only {@link ModifyRules#TABLE_MODIFY} implements it: the
 * rows go to core's log-batch writer, not into a Java collection.
 */
public final class MlflowTableModify extends TableModify {
  public MlflowTableModify(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
    super(cluster, traitSet, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MlflowTableModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened());
  }
}
