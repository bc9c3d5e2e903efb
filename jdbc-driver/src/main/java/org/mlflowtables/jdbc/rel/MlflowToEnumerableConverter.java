package org.mlflowtables.jdbc.rel;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.mlflowtables.jdbc.exec.ScanSpec;
import org.mlflowtables.jdbc.exec.TableReader;

/**
 * Runs the scan MLflow was handed: generated code calls {@link TableReader#query} with the
 * {@link ScanSpec} of the node below, and Calcite's operators read its rows. With parameters,
 * the conjuncts MLflow evaluates exactly for the planner's values are applied again by Calcite
 * ({@link ScanState#rechecks}). In EXPLAIN it shows core's description of the requests (what is
 * pushed, what is left) and what Calcite re-checks.
 */
public final class MlflowToEnumerableConverter extends ConverterImpl implements EnumerableRel {

  MlflowToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new MlflowToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(0.1);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    super.explainTerms(pw);
    if (getInput() instanceof MlflowRel rel) {
      pw.item("mlflow", describe(rel.state()));
      List<Recheck> rechecks = rel.state().rechecks();
      pw.itemIf("recheck", rechecks.stream().map(Recheck::toString)
          .collect(Collectors.joining(", ")), !rechecks.isEmpty());
    }
    return pw;
  }

  /** Core's description of the scan (parameters shown as {@code ?0}, {@code ?1}, ...). */
  static String describe(ScanState state) {
    ScanSpec spec = state.spec();
    try {
      return spec.show(state.table().plan(spec.planningRequest()).describe());
    } catch (RuntimeException e) {
      return "cannot describe: " + e.getMessage();
    }
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    ScanState state = ((MlflowRel) getInput()).state();
    EnumerableRel rows = state.rechecks().isEmpty()
        ? new ScanRows(getCluster(), getRowType(), state.table(), state.spec())
        : RecheckedScan.of(this, state);
    return rows.implement(implementor, pref);
  }
}
