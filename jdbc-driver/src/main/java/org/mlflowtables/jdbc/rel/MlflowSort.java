package org.mlflowtables.jdbc.rel;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * ORDER BY and/or LIMIT handed to MLflow (a top-N when both): present only where core pushes the
 * whole ORDER BY, and the LIMIT with it, exactly as SQL asks.
 */
public final class MlflowSort extends Sort implements MlflowRel {
  private final ScanState state;

  MlflowSort(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, RelCollation collation,
      RexNode fetch, ScanState state) {
    super(cluster, traitSet, input, collation, null, fetch);
    this.state = state;
    assert getConvention() == MlflowRel.CONVENTION;
  }

  @Override
  public ScanState state() {
    return state;
  }

  @Override
  public Sort copy(RelTraitSet traitSet, RelNode newInput, RelCollation newCollation,
      RexNode offset, RexNode fetch) {
    return new MlflowSort(getCluster(), traitSet, newInput, newCollation, fetch, state);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return super.computeSelfCost(planner, mq).multiplyBy(0.05);
  }
}
