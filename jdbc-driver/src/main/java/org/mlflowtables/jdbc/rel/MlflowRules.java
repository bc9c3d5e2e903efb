package org.mlflowtables.jdbc.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.metadata.RelMdCollation;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.tools.RelBuilder;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.jdbc.exec.OutputColumn;
import org.mlflowtables.jdbc.rex.RexToPredicate;

/**
 * The rules that hand work to MLflow, registered by {@link MlflowTableScan}. Each decides in
 * {@code onMatch} before it transforms anything, and only transforms when core pushes something:
 *
 * <ul>
 *   <li>{@link #FILTER}: a filter on a scan (or on pushed filters or a projection): each conjunct
 *       core takes goes into an {@link MlflowFilter}; conjuncts it does not take or only prunes
 *       with stay in a Calcite filter above. A {@code ?} parameter counts as its sample value
 *       ({@link org.mlflowtables.jdbc.exec.ParamSlot}); the exact conjuncts of a scan with
 *       parameters are checked again by the converter ({@link ScanState#rechecks}).
 *   <li>{@link #PROJECT}: a projection of columns and map entries ({@code metrics['rmse']}).
 *   <li>{@link #SORT}: ORDER BY and LIMIT/FETCH (with OFFSET: LIMIT offset+fetch, the offset
 *       applied above) when core pushes the whole ORDER BY; a LIMIT alone when core pushes it.
 *       In a scan with parameters (or {@code LIMIT ?}) as an {@link MlflowLimit}, Calcite sorting
 *       and cutting again above.
 *   <li>{@link #TO_ENUMERABLE}: the bridge to Calcite's enumerable operators.
 * </ul>
 */
public final class MlflowRules {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MlflowRules.class);

  private MlflowRules() {}

  public static final RelOptRule FILTER = RuleConfig.of("MlflowFilterRule",
      b0 -> b0.operand(LogicalFilter.class).oneInput(b1 -> b1.operand(MlflowRel.class)
          .anyInputs()),
      FilterRule::new).toRule();

  public static final RelOptRule PROJECT = RuleConfig.of("MlflowProjectRule",
      b0 -> b0.operand(LogicalProject.class).oneInput(b1 -> b1.operand(MlflowRel.class)
          .anyInputs()),
      ProjectRule::new).toRule();

  public static final RelOptRule SORT = RuleConfig.of("MlflowSortRule",
      b0 -> b0.operand(LogicalSort.class).oneInput(b1 -> b1.operand(MlflowRel.class)
          .anyInputs()),
      SortRule::new).toRule();

  public static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(RelNode.class, MlflowRel.CONVENTION, EnumerableConvention.INSTANCE,
          "MlflowToEnumerableConverterRule")
      .withRuleFactory(ToEnumerableRule::new)
      .toRule();

  public static final List<RelOptRule> RULES =
      List.of(FILTER, PROJECT, SORT, TO_ENUMERABLE);

  /** Pushes the conjuncts of a filter that core takes. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      MlflowRel input = call.rel(1);
      ScanState state = input.state();
      if (state.sorted() || RexUtil.containsCorrelation(filter.getCondition())) {
        return;
      }
      RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
      RexToPredicate translator = new RexToPredicate(state.table().def(), state.outputs());
      PushDown.FilterDecision d =
          PushDown.filters(state, translator.conjuncts(rexBuilder, filter.getCondition()));
      if (d.pushed().isEmpty()) {
        return;
      }
      RelNode pushed = new MlflowFilter(filter.getCluster(), input.getTraitSet(), input,
          RexUtil.composeConjunction(rexBuilder, d.exact().stream().map(Recheck::condition)
              .toList()),
          d.pushed(), state.withFilters(d.pushed(), d.exact()));
      if (d.kept().isEmpty()) {
        call.transformTo(pushed);
      } else {
        RelBuilder builder = call.builder();
        call.transformTo(builder.push(pushed).filter(d.kept()).build());
      }
    }
  }

  /** Pushes a projection of columns and map entries. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      MlflowRel input = call.rel(1);
      if (project.getProjects().isEmpty() || RexOver.containsOver(project.getProjects(), null)) {
        return;
      }
      ScanState state = input.state();
      TableDef def = state.table().def();
      List<OutputColumn> outputs = new ArrayList<>();
      for (RexNode e : project.getProjects()) {
        OutputColumn out = output(e, state.outputs(), def);
        if (out == null) {
          return;
        }
        outputs.add(out);
      }
      RelOptCluster cluster = project.getCluster();
      RelTraitSet traits = input.getTraitSet().replaceIfs(RelCollationTraitDef.INSTANCE,
          () -> RelMdCollation.project(cluster.getMetadataQuery(), input,
              project.getProjects()));
      call.transformTo(new MlflowProject(cluster, traits, input, project.getProjects(),
          project.getRowType(), state.withOutputs(outputs)));
    }

    private static OutputColumn output(RexNode e, List<OutputColumn> in, TableDef def) {
      if (e instanceof RexInputRef ref) {
        return in.get(ref.getIndex());
      }
      if (e.getKind() == SqlKind.ITEM) {
        List<RexNode> operands = ((RexCall) e).getOperands();
        if (operands.get(0) instanceof RexInputRef ref
            && operands.get(1) instanceof RexLiteral key && !key.isNull()
            && SqlTypeFamily.CHARACTER.contains(key.getType())) {
          OutputColumn map = in.get(ref.getIndex());
          if (!map.isMapEntry() && def.columns().get(map.column()).type().isMap()) {
            return new OutputColumn(map.column(), key.getValueAs(String.class));
          }
        }
      }
      return null;
    }
  }

  /** Pushes ORDER BY and LIMIT when core takes them. */
  static final class SortRule extends RelRule<RuleConfig> {
    SortRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalSort sort = call.rel(0);
      MlflowRel input = call.rel(1);
      ScanState state = input.state();
      LOG.debug("Sort {} on {}", sort.getCollation(), input);
      if (state.sorted()) {
        return;
      }
      LimitPart fetch = LimitPart.of(sort.fetch);
      LimitPart offset = LimitPart.of(sort.offset);
      if (fetch == null || offset == null) {
        return; // an expression
      }
      TableDef def = state.table().def();
      List<SortKey> keys = new ArrayList<>();
      for (RelFieldCollation fc : sort.getCollation().getFieldCollations()) {
        if (fc.direction != RelFieldCollation.Direction.ASCENDING
            && fc.direction != RelFieldCollation.Direction.DESCENDING) {
          return;
        }
        boolean ascending = fc.direction == RelFieldCollation.Direction.ASCENDING;
        RelFieldCollation.NullDirection nulls = fc.nullDirection
            == RelFieldCollation.NullDirection.UNSPECIFIED
            ? fc.direction.defaultNullDirection() : fc.nullDirection;
        keys.add(new SortKey(state.outputs().get(fc.getFieldIndex()).ref(def), ascending,
            nulls == RelFieldCollation.NullDirection.FIRST));
      }
      // MLflow is asked for offset + fetch rows; Calcite skips the offset.
      LimitPart limit = sort.fetch == null ? LimitPart.NONE : fetch.plus(offset);
      PushDown.SortDecision d = PushDown.sort(state, keys, limit.planned());
      boolean orderPushed = d.orderPushed();
      boolean limitPushed = d.limitPushed();
      if (!keys.isEmpty() && !orderPushed) {
        return;
      }
      if (keys.isEmpty() && !limitPushed) {
        return;
      }
      ScanState sorted = state.withSort(orderPushed ? keys : List.of(),
          limitPushed ? limit.constant() : null, limitPushed ? limit.params() : List.of());
      RelOptCluster cluster = sort.getCluster();
      if (sorted.spec().hasParams()) {
        // Core decides again with each execution's values, and may then read more rows than the
        // limit, in another order (see ScanState.rechecks): Calcite sorts and cuts what it gets
        // (no more than the limit when MLflow takes it all).
        RelNode pushed = new MlflowLimit(cluster, input.getTraitSet(), input, sorted);
        call.transformTo(LogicalSort.create(pushed, sort.getCollation(), sort.offset,
            sort.fetch));
        return;
      }
      RexBuilder rexBuilder = cluster.getRexBuilder();
      RelCollation collation = orderPushed ? sort.getCollation() : RelCollations.EMPTY;
      RexNode pushedFetch = limitPushed ? rexBuilder.makeExactLiteral(
          java.math.BigDecimal.valueOf(limit.constant())) : null;
      RelNode pushed = new MlflowSort(cluster, input.getTraitSet().replace(collation), input,
          collation, pushedFetch, sorted);
      boolean complete = (sort.fetch == null || limitPushed)
          && (sort.offset == null || offset.constant() == 0);
      if (complete) {
        call.transformTo(pushed);
      } else {
        // The offset, or a limit core did not take, is applied by Calcite to rows in order.
        call.transformTo(LogicalSort.create(pushed, sort.getCollation(), sort.offset,
            sort.fetch));
      }
    }
  }

  /** MLflow rels to Calcite's enumerable convention. */
  static final class ToEnumerableRule extends ConverterRule {
    ToEnumerableRule(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      RelTraitSet traits = rel.getTraitSet().replace(getOutConvention());
      return new MlflowToEnumerableConverter(rel.getCluster(), traits, rel);
    }
  }
}
