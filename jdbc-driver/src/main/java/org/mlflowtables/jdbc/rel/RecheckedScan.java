package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.mlflowtables.jdbc.exec.OutputColumn;

/**
 * A scan whose exact conjuncts Calcite applies again ({@link ScanState#rechecks}): a Calcite
 * {@code EnumerableCalc} over the scan's rows, so that the conjuncts are evaluated by Calcite's
 * own code, as a filter of Calcite's would. The scan reads the columns the conjuncts need besides
 * the node's outputs; the calc filters and keeps the outputs.
 */
final class RecheckedScan {
  private final List<OutputColumn> outputs;
  private final List<RelDataType> types = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  private RecheckedScan(RelDataType rowType, List<OutputColumn> outputs) {
    this.outputs = new ArrayList<>(outputs);
    types.addAll(RelOptUtil.getFieldTypeList(rowType));
    names.addAll(rowType.getFieldNames());
  }

  /** The scan of {@code state} below {@code node}, with its rechecks applied by Calcite. */
  static EnumerableCalc of(RelNode node, ScanState state) {
    RecheckedScan r = new RecheckedScan(node.getRowType(), state.outputs());
    RelOptCluster cluster = node.getCluster();
    RexBuilder rexBuilder = cluster.getRexBuilder();
    List<RexNode> conditions = new ArrayList<>();
    for (Recheck recheck : state.rechecks()) {
      conditions.add(r.rewrite(recheck));
    }
    RelDataType wide = cluster.getTypeFactory().createStructType(r.types, r.names);
    ScanRows rows = new ScanRows(cluster, wide, state.table(),
        state.spec().withOutputs(r.outputs));
    RexProgramBuilder program = new RexProgramBuilder(wide, rexBuilder);
    for (int i = 0; i < node.getRowType().getFieldCount(); i++) {
      program.addProject(new RexInputRef(i, r.types.get(i)), r.names.get(i));
    }
    program.addCondition(RexUtil.composeConjunction(rexBuilder, conditions));
    return new EnumerableCalc(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), rows,
        program.getProgram());
  }

  /** The conjunct over the scan's widened row, reading any field it needs that is not there. */
  private RexNode rewrite(Recheck recheck) {
    return recheck.condition().accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        OutputColumn field = recheck.fields().get(ref.getIndex());
        int i = outputs.indexOf(field);
        if (i < 0) {
          i = outputs.size();
          outputs.add(field);
          types.add(ref.getType());
          names.add("recheck$" + i);
        }
        return new RexInputRef(i, types.get(i));
      }
    });
  }
}
