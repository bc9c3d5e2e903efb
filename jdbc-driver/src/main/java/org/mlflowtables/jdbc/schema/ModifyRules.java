package org.mlflowtables.jdbc.schema;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * The rules that implement INSERT into an MLflow table and refuse UPDATE, DELETE and MERGE,
 * registered whenever a statement reads or writes one of the driver's tables.
 */
final class ModifyRules {
  private ModifyRules() {}

  static final RelOptRule TABLE_MODIFY = ConverterRule.Config.INSTANCE
      .withConversion(MlflowTableModify.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "MlflowTableModifyRule")
      .withRuleFactory(ModifyToEnumerableRule::new)
      .toRule();

  /**
   * Calcite plans UPDATE and DELETE (and INSERT into a table that is not modifiable) as a
   * {@code LogicalTableModify} it then cannot implement, or fails on with an AssertionError; this
   * implements them as a statement that fails naming the table and why.
   */
  static final RelOptRule REFUSE_MODIFY = ConverterRule.Config.INSTANCE
      .withConversion(LogicalTableModify.class,
          m -> m.getTable().unwrap(MlflowTable.class) != null, Convention.NONE,
          EnumerableConvention.INSTANCE, "MlflowRefuseModifyRule")
      .withRuleFactory(ModifyToEnumerableRule::new)
      .toRule();

  static final List<RelOptRule> RULES = List.of(TABLE_MODIFY, REFUSE_MODIFY);

  /**
   * A table modification of an MLflow table to its enumerable implementation, which writes an
   * INSERT and refuses UPDATE, DELETE and MERGE naming the table.
   */
  static final class ModifyToEnumerableRule extends ConverterRule {
    ModifyToEnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      TableModify modify = (TableModify) rel;
      RelNode input = convert(modify.getInput(),
          modify.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      return new EnumerableMlflowTableModify(modify.getCluster(),
          modify.getTraitSet().replace(EnumerableConvention.INSTANCE), modify.getTable(),
          modify.getCatalogReader(), input, modify.getOperation(),
          modify.getUpdateColumnList(), modify.getSourceExpressionList(), modify.isFlattened());
    }
  }
}
