package org.mlflowtables.jdbc.rel;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
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
 * {@link ScanSpec} of the node below, and Calcite's operators read its rows. In EXPLAIN it shows
 * core's description of the requests (what is pushed, what is left).
 */
public final class MlflowToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private static final Method QUERY =
      Types.lookupMethod(TableReader.class, "query", DataContext.class, ScanSpec.class);

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
    }
    return pw;
  }

  /** Core's description of the scan (parameters show as their planning placeholders). */
  static String describe(ScanState state) {
    try {
      return state.table().plan(state.spec().planningRequest()).describe();
    } catch (RuntimeException e) {
      return "cannot describe: " + e.getMessage();
    }
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    ScanState state = ((MlflowRel) getInput()).state();
    ScanSpec spec = state.spec();
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        spec.scalar() ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
    BlockBuilder block = new BlockBuilder();
    Expression table = Expressions.convert_(
        implementor.stash(state.table(), TableReader.class), TableReader.class);
    Expression specExpression = implementor.stash(spec, ScanSpec.class);
    Expression rows = block.append("rows",
        Expressions.call(table, QUERY, DataContext.ROOT, specExpression));
    block.add(Expressions.return_(null, rows));
    return implementor.result(physType, block.toBlock());
  }
}
