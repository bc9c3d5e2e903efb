package org.mlflowtables.jdbc.rex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.IsNull;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.ValueRef;
import org.mlflowtables.jdbc.exec.OutputColumn;
import org.mlflowtables.jdbc.exec.ParamSlot;
import org.mlflowtables.jdbc.exec.TranslatedPredicate;

/**
 * Calcite row expressions over a table's columns as core predicates. It only translates: whether
 * MLflow can evaluate a predicate is core's decision ({@code ScanPlanner}).
 *
 * <p>{@link #conjuncts} first expands {@code SEARCH} (Calcite folds IN lists, ranges and
 * {@code <>} lists into {@code SEARCH(x, Sarg[...])}), then splits the conjunction; each conjunct
 * is translated on its own, and one that cannot be (a function call, a comparison of two columns,
 * a cast that changes values) is reported as such and stays with Calcite. {@code ITEM(metrics,
 * 'rmse')} becomes {@code MapEntryRef(metrics, rmse)}; an OR of equalities on one value becomes
 * {@code In}; dynamic parameters become placeholders bound at run time ({@link ParamSlot}).
 */
public final class RexToPredicate {
  private final TableDef table;
  /** What field i of the row the expressions read is: a table column or a map entry. */
  private final List<OutputColumn> fields;

  /**
   * @param table the table
   * @param fields for each field of the row the expressions read, what it holds
   */
  public RexToPredicate(TableDef table, List<OutputColumn> fields) {
    this.table = table;
    this.fields = List.copyOf(fields);
  }

  /** A conjunct of a condition and its translation, if it has one. */
  public record Conjunct(RexNode rex, Optional<TranslatedPredicate> translated) {}

  /** The conjuncts of a condition (SEARCH expanded), each with its translation if any. */
  public List<Conjunct> conjuncts(RexBuilder rexBuilder, RexNode condition) {
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    List<Conjunct> out = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(expanded)) {
      out.add(new Conjunct(c, translate(c)));
    }
    return out;
  }

  /** One expression (already free of SEARCH) as a predicate, or empty. */
  public Optional<TranslatedPredicate> translate(RexNode node) {
    List<ParamSlot> params = new ArrayList<>();
    Predicate p = predicate(node, params);
    return p == null ? Optional.empty() : Optional.of(new TranslatedPredicate(p, params));
  }

  private Predicate predicate(RexNode node, List<ParamSlot> params) {
    switch (node.getKind()) {
      case AND: {
        List<Predicate> children = new ArrayList<>();
        for (RexNode operand : ((RexCall) node).getOperands()) {
          Predicate c = predicate(operand, params);
          if (c == null) {
            return null;
          }
          children.add(c);
        }
        return new And(children);
      }
      case OR:
        return or((RexCall) node, params);
      case NOT: {
        Predicate c = predicate(((RexCall) node).getOperands().get(0), params);
        return c == null ? null : new Not(c);
      }
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison((RexCall) node, params);
      case IS_NULL:
      case IS_NOT_NULL: {
        ValueRef ref = ref(((RexCall) node).getOperands().get(0));
        if (ref == null) {
          return null;
        }
        return node.getKind() == SqlKind.IS_NULL ? new IsNull(ref) : new IsNotNull(ref);
      }
      case LIKE:
        return like((RexCall) node);
      default:
        return null;
    }
  }

  /** {@code a = 1 OR a = 2} as {@code a IN (1, 2)}; other ORs as an {@link Or}. */
  private Predicate or(RexCall call, List<ParamSlot> params) {
    List<Predicate> children = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      Predicate c = predicate(operand, params);
      if (c == null) {
        return null;
      }
      children.add(c);
    }
    ValueRef common = null;
    List<Literal> values = new ArrayList<>();
    for (Predicate c : children) {
      if (c instanceof Comparison cmp && cmp.op() == CompareOp.EQ
          && (common == null || common.equals(cmp.ref()))) {
        common = cmp.ref();
        values.add(cmp.literal());
      } else {
        return new Or(children);
      }
    }
    return new In(common, values);
  }

  private Predicate comparison(RexCall call, List<ParamSlot> params) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    CompareOp op = op(call.getKind());
    ValueRef ref = ref(left);
    RexNode other = right;
    if (ref == null) {
      ref = ref(right);
      other = left;
      op = op.flip();
    }
    if (ref == null) {
      return null;
    }
    Literal literal = operandLiteral(other, refType(ref), params);
    return literal == null ? null : new Comparison(ref, op, literal);
  }

  private Predicate like(RexCall call) {
    if (!(call.getOperator() instanceof SqlLikeOperator op)) {
      return null; // SIMILAR TO and other LIKE-kind operators
    }
    List<RexNode> operands = call.getOperands();
    ValueRef ref = ref(operands.get(0));
    if (ref == null || refType(ref) != ColumnType.STRING) {
      return null;
    }
    Object pattern = RexValues.constant(operands.get(1), ColumnType.STRING);
    if (!(pattern instanceof String p)) {
      return null;
    }
    Character escape = null;
    if (operands.size() > 2) {
      Object e = RexValues.constant(operands.get(2), ColumnType.STRING);
      if (!(e instanceof String s) || s.length() != 1) {
        return null;
      }
      escape = s.charAt(0);
    }
    Predicate like = new Like(ref, p, !op.isCaseSensitive(), escape);
    return op.isNegated() ? new Not(like) : like;
  }

  /** A literal, a value-preserving cast of one, or a dynamic parameter. */
  private Literal operandLiteral(RexNode node, ColumnType type, List<ParamSlot> params) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST
        && ((RexCall) n).getOperands().get(0) instanceof RexDynamicParam
        && compatible(((RexCall) n).getOperands().get(0), type)) {
      n = ((RexCall) n).getOperands().get(0);
    }
    if (n instanceof RexDynamicParam param) {
      if (!compatible(param, type)) {
        return null;
      }
      ParamSlot slot = ParamSlot.create(param.getIndex(), type);
      params.add(slot);
      return slot.placeholder();
    }
    Object v = RexValues.constant(n, type);
    return v == RexValues.UNCONVERTIBLE ? null : Literal.of(v);
  }

  /** Whether a parameter's SQL type fits a value of the core type. */
  private static boolean compatible(RexNode param, ColumnType type) {
    switch (type) {
      case STRING:
        return SqlTypeFamily.CHARACTER.contains(param.getType());
      case LONG:
      case DOUBLE:
        return SqlTypeFamily.NUMERIC.contains(param.getType());
      case TIMESTAMP:
        return SqlTypeFamily.TIMESTAMP.contains(param.getType());
      default:
        return false;
    }
  }

  /**
   * A column ({@code $3}) or a map entry ({@code ITEM($9, 'rmse')}), possibly under a cast that
   * does not change the value; null for anything else.
   */
  public ValueRef ref(RexNode node) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) n).getOperands().get(0);
      if (!RexValues.valuePreservingCast(operand.getType(), n.getType())
          || !sameFamily(operand, n)) {
        return null;
      }
      n = operand;
    }
    if (n instanceof RexInputRef input) {
      OutputColumn f = field(input.getIndex());
      if (f == null) {
        return null;
      }
      Column c = table.columns().get(f.column());
      if (f.isMapEntry()) {
        return new MapEntryRef(c.name(), f.key());
      }
      return c.type().isMap() ? null : new ColumnRef(c.name());
    }
    if (n.getKind() == SqlKind.ITEM) {
      List<RexNode> operands = ((RexCall) n).getOperands();
      if (operands.get(0) instanceof RexInputRef input
          && operands.get(1) instanceof RexLiteral key
          && SqlTypeFamily.CHARACTER.contains(key.getType()) && !key.isNull()) {
        OutputColumn f = field(input.getIndex());
        if (f != null && !f.isMapEntry() && table.columns().get(f.column()).type().isMap()) {
          return new MapEntryRef(table.columns().get(f.column()).name(),
              key.getValueAs(String.class));
        }
      }
    }
    return null;
  }

  private static boolean sameFamily(RexNode a, RexNode b) {
    return a.getType().getSqlTypeName().getFamily() == b.getType().getSqlTypeName().getFamily();
  }

  private OutputColumn field(int index) {
    return index < 0 || index >= fields.size() ? null : fields.get(index);
  }

  /** The core type of the value a reference reads. */
  public ColumnType refType(ValueRef ref) {
    ColumnType t = table.column(ref.column()).type();
    return ref instanceof MapEntryRef ? t.mapValueType() : t;
  }

  private static CompareOp op(SqlKind kind) {
    switch (kind) {
      case EQUALS:
        return CompareOp.EQ;
      case NOT_EQUALS:
        return CompareOp.NE;
      case LESS_THAN:
        return CompareOp.LT;
      case LESS_THAN_OR_EQUAL:
        return CompareOp.LE;
      case GREATER_THAN:
        return CompareOp.GT;
      case GREATER_THAN_OR_EQUAL:
        return CompareOp.GE;
      default:
        throw new IllegalArgumentException(kind.toString());
    }
  }
}
