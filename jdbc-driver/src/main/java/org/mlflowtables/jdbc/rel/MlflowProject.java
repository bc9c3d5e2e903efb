package org.mlflowtables.jdbc.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;

/**
 * Column choice and map-entry extraction: each output is a column or {@code map['key']}, read
 * from the scan's rows before Calcite sees them; also lets an ORDER BY on {@code metrics['k']}
 * be pushed.
 */
public final class MlflowProject extends Project implements MlflowRel {
  private final ScanState state;

  MlflowProject(RelOptCluster cluster, RelTraitSet traitSet, RelNode input,
      List<? extends RexNode> projects, RelDataType rowType, ScanState state) {
    super(cluster, traitSet, List.of(), input, projects, rowType, java.util.Set.of());
    this.state = state;
    assert getConvention() == MlflowRel.CONVENTION;
  }

  @Override
  public ScanState state() {
    return state;
  }

  @Override
  public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects,
      RelDataType rowType) {
    return new MlflowProject(getCluster(), traitSet, input, projects, rowType, state);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double inputFields = getInput().getRowType().getFieldCount();
    double fraction = inputFields == 0 ? 1 : getRowType().getFieldCount() / inputFields;
    return super.computeSelfCost(planner, mq).multiplyBy(0.1 * fraction);
  }
}
