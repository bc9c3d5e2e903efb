package org.mlflowtables.jdbc.rel;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.mlflowtables.jdbc.exec.TableReader;

/** A scan of an MLflow table; registers the rules that push work into it. */
public final class MlflowTableScan extends TableScan implements MlflowRel {
  private final ScanState state;

  public MlflowTableScan(RelOptCluster cluster, RelTraitSet traitSet, RelOptTable table,
      TableReader reader) {
    super(cluster, traitSet, List.of(), table);
    this.state = ScanState.of(reader);
    assert getConvention() == MlflowRel.CONVENTION;
  }

  @Override
  public ScanState state() {
    return state;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    assert inputs.isEmpty();
    return this;
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : MlflowRules.RULES) {
      planner.addRule(rule);
    }
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Reading every row over HTTP is what push-down saves: make it look expensive per row.
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, rows * 10);
  }
}
