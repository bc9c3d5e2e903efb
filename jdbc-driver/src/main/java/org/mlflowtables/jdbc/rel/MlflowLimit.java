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
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.jdbc.exec.ParamSlot;

/**
 * A LIMIT (with the ORDER BY it needs, if any) handed to MLflow in a scan that has {@code ?}
 * parameters. Core decides again with each execution's values and may then not take them (see
 * {@link ScanState#rechecks}), so Calcite sorts and cuts above this node as well: it claims no
 * order of its rows. Unlike {@link MlflowSort} it is no {@code Sort}, so that a {@code LIMIT ?}
 * still makes it cheap for the cost model.
 */
public final class MlflowLimit extends SingleRel implements MlflowRel {
  /** The rows a {@code LIMIT ?} is guessed to keep, for the cost model only. */
  private static final double ROWS_PER_PARAMETER = 100;

  private final ScanState state;

  MlflowLimit(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, ScanState state) {
    super(cluster, traitSet, input);
    this.state = state;
    assert getConvention() == MlflowRel.CONVENTION;
  }

  @Override
  public ScanState state() {
    return state;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MlflowLimit(getCluster(), traitSet, sole(inputs), state);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("order", state.spec().order().stream().map(SortKey::sql)
            .collect(Collectors.joining(", ")), !state.spec().order().isEmpty())
        .item("limit", limitText());
  }

  private String limitText() {
    StringBuilder b = new StringBuilder();
    Long constant = state.spec().limit();
    if (constant != null && (constant != 0 || state.spec().limitParams().isEmpty())) {
      b.append(constant);
    }
    for (ParamSlot p : state.spec().limitParams()) {
      b.append(b.length() == 0 ? "" : " + ").append('?').append(p.index());
    }
    return b.toString();
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    Long constant = state.spec().limit();
    double limit = (constant == null ? 0 : constant)
        + ROWS_PER_PARAMETER * state.spec().limitParams().size();
    return Math.min(mq.getRowCount(getInput()), limit);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    return planner.getCostFactory().makeCost(rows, rows, 0).multiplyBy(0.05);
  }
}
