package org.mlflowtables.jdbc.rel;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.mlflowtables.jdbc.exec.PushedFilter;

/**
 * Filters handed to MLflow. {@code condition} holds the conjuncts MLflow evaluates exactly (TRUE
 * when every pushed filter only prunes); conjuncts pushed only to prune stay in a Calcite filter
 * above this node as well. It is deliberately not a {@code Filter}: the
 * rows it gives may be more than the pushed predicates say (pruning), so Calcite's filter rules
 * must not reason with them.
 */
public final class MlflowFilter extends SingleRel implements MlflowRel {
  private final RexNode condition;
  private final List<PushedFilter> pushed;
  private final ScanState state;

  MlflowFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, RexNode condition,
      List<PushedFilter> pushed, ScanState state) {
    super(cluster, traitSet, input);
    this.condition = condition;
    this.pushed = List.copyOf(pushed);
    this.state = state;
    assert getConvention() == MlflowRel.CONVENTION;
  }

  public RexNode condition() {
    return condition;
  }

  public List<PushedFilter> pushed() {
    return pushed;
  }

  @Override
  public ScanState state() {
    return state;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MlflowFilter(getCluster(), traitSet, sole(inputs), condition, pushed, state);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("condition", condition)
        .item("pushed", pushed.stream().map(PushedFilter::toString)
            .collect(Collectors.joining(", ")));
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double selectivity = RelMdUtil.guessSelectivity(condition);
    long pruneOnly = pushed.stream().filter(PushedFilter::checkedAbove).count();
    return mq.getRowCount(getInput()) * selectivity * Math.pow(0.5, pruneOnly);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0).multiplyBy(0.1);
  }
}
