package org.mlflowtables.jdbc.rel;

import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.mlflowtables.jdbc.exec.ScanSpec;
import org.mlflowtables.jdbc.exec.TableReader;

/**
 * The rows of a scan in generated code: a call of {@link TableReader#query} with the scan's spec.
 * Built by {@link MlflowToEnumerableConverter} when it is implemented; never planned.
 */
final class ScanRows extends AbstractRelNode implements EnumerableRel {
  private static final Method QUERY =
      Types.lookupMethod(TableReader.class, "query", DataContext.class, ScanSpec.class);

  private final TableReader table;
  private final ScanSpec spec;

  ScanRows(RelOptCluster cluster, RelDataType rowType, TableReader table, ScanSpec spec) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.rowType = rowType;
    this.table = table;
    this.spec = spec;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        spec.scalar() ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
    BlockBuilder block = new BlockBuilder();
    Expression reader = Expressions.convert_(
        implementor.stash(table, TableReader.class), TableReader.class);
    Expression specExpression = implementor.stash(spec, ScanSpec.class);
    Expression rows = block.append("rows",
        Expressions.call(reader, QUERY, DataContext.ROOT, specExpression));
    block.add(Expressions.return_(null, rows));
    return implementor.result(physType, block.toBlock());
  }
}
