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
import org.mlflowtables.core.predicate.PredicateValidator;
import org.mlflowtables.core.predicate.ValueRef;
import org.mlflowtables.jdbc.exec.OutputColumn;
import org.mlflowtables.jdbc.exec.ParamBinding;
import org.mlflowtables.jdbc.exec.ParamSlot;
import org.mlflowtables.jdbc.exec.TranslatedPredicate;
import org.mlflowtables.jdbc.exec.TranslatedPredicate.Template;

/**
 * Calcite row expressions over a table's columns as core predicates. It only translates: whether
 * MLflow can evaluate a predicate is core's decision ({@code ScanPlanner}).
 *
 * <p>{@link #conjuncts} first expands {@code SEARCH} (Calcite folds IN lists, ranges and
 * {@code <>} lists into {@code SEARCH(x, Sarg[...])}), then splits the conjunction; each conjunct
 * is translated on its own, and one that cannot be (a function call, a comparison of two columns,
 * a cast that changes values) is reported as such and stays with Calcite. {@code ITEM(metrics,
 * 'rmse')} becomes {@code MapEntryRef(metrics, rmse)}; an OR of equalities on one value becomes
 * {@code In}. A {@code ?} parameter (compared with a value, in an IN list, as a LIKE pattern, under
 * a cast that keeps its value) becomes a {@link ParamSlot}: the translation is a template that the
 * planner fills with samples and each execution with the statement's values.
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
    Template t = template(node, params);
    return t == null ? Optional.empty() : Optional.of(new TranslatedPredicate(t, params));
  }

  /** The value of an operand for given parameter values: a constant, or a parameter's value. */
  @FunctionalInterface
  private interface Operand {
    Literal literal(ParamBinding values);
  }

  private Template template(RexNode node, List<ParamSlot> params) {
    switch (node.getKind()) {
      case AND: {
        List<Template> children = templates(((RexCall) node).getOperands(), params);
        return children == null ? null : values -> new And(bindAll(children, values));
      }
      case OR:
        return or((RexCall) node, params);
      case NOT: {
        Template child = template(((RexCall) node).getOperands().get(0), params);
        return child == null ? null : values -> new Not(child.bind(values));
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
        Predicate p = node.getKind() == SqlKind.IS_NULL ? new IsNull(ref) : new IsNotNull(ref);
        return values -> p;
      }
      case LIKE:
        return like((RexCall) node, params);
      default:
        return null;
    }
  }

  /** Templates of all nodes, or null if one has none. */
  private List<Template> templates(List<RexNode> nodes, List<ParamSlot> params) {
    List<Template> out = new ArrayList<>();
    for (RexNode n : nodes) {
      Template t = template(n, params);
      if (t == null) {
        return null;
      }
      out.add(t);
    }
    return out;
  }

  private static List<Predicate> bindAll(List<Template> templates, ParamBinding values) {
    return templates.stream().map(t -> t.bind(values)).toList();
  }

  /** {@code a = 1 OR a = ?} as {@code a IN (1, ?)}; other ORs as an {@link Or}. */
  private Template or(RexCall call, List<ParamSlot> params) {
    List<ParamSlot> inParams = new ArrayList<>();
    Template in = inList(call.getOperands(), inParams);
    if (in != null) {
      params.addAll(inParams);
      return in;
    }
    List<Template> children = templates(call.getOperands(), params);
    return children == null ? null : values -> new Or(bindAll(children, values));
  }

  /** Equalities of one value with constants or parameters as an IN, or null. */
  private Template inList(List<RexNode> equalities, List<ParamSlot> params) {
    ValueRef common = null;
    List<Operand> operands = new ArrayList<>();
    for (RexNode node : equalities) {
      Sides s = node.getKind() == SqlKind.EQUALS ? sides((RexCall) node) : null;
      if (s == null || (common != null && !common.equals(s.ref()))) {
        return null;
      }
      Operand operand = operand(s.other(), s.ref(), params);
      if (operand == null) {
        return null;
      }
      common = s.ref();
      operands.add(operand);
    }
    ValueRef ref = common;
    return values -> new In(ref, operands.stream().map(o -> o.literal(values)).toList());
  }

  /** The value side and the other side of a comparison, or null if neither side is a value. */
  private record Sides(ValueRef ref, RexNode other, boolean flipped) {}

  private Sides sides(RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    ValueRef ref = ref(left);
    if (ref != null) {
      return new Sides(ref, right, false);
    }
    ref = ref(right);
    return ref == null ? null : new Sides(ref, left, true);
  }

  private Template comparison(RexCall call, List<ParamSlot> params) {
    Sides s = sides(call);
    if (s == null) {
      return null;
    }
    CompareOp op = s.flipped() ? op(call.getKind()).flip() : op(call.getKind());
    Operand operand = operand(s.other(), s.ref(), params);
    if (operand == null) {
      return null;
    }
    ValueRef ref = s.ref();
    return values -> new Comparison(ref, op, operand.literal(values));
  }

  private Template like(RexCall call, List<ParamSlot> params) {
    if (!(call.getOperator() instanceof SqlLikeOperator op)) {
      return null; // SIMILAR TO and other LIKE-kind operators
    }
    List<RexNode> operands = call.getOperands();
    ValueRef ref = ref(operands.get(0));
    if (ref == null || refType(ref) != ColumnType.STRING) {
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
    Character esc = escape;
    boolean ci = !op.isCaseSensitive();
    boolean negated = op.isNegated();
    RexDynamicParam param = param(operands.get(1), ColumnType.STRING);
    ParamSlot slot = param == null ? null : ParamSlot.pattern(param.getIndex(), ref);
    Object constant = slot != null ? null : RexValues.constant(operands.get(1), ColumnType.STRING);
    if (slot == null && !(constant instanceof String)) {
      return null;
    }
    if (slot != null) {
      params.add(slot);
    }
    return values -> {
      String pattern = slot == null ? (String) constant : (String) values.value(slot);
      Like like = new Like(ref, pattern, ci, esc);
      return negated ? new Not(like) : like;
    };
  }

  /** A literal, a value-preserving cast of one, or a parameter; null for anything else. */
  private Operand operand(RexNode node, ValueRef ref, List<ParamSlot> params) {
    ColumnType type = refType(ref);
    RexDynamicParam param = param(node, type);
    if (param != null) {
      ParamSlot slot = ParamSlot.value(param.getIndex(), type, ref);
      params.add(slot);
      return values -> Literal.of(values.value(slot));
    }
    Object v = RexValues.constant(node, type);
    if (v == RexValues.UNCONVERTIBLE) {
      return null;
    }
    Literal literal = Literal.of(v);
    return values -> literal;
  }

  /**
   * A parameter whose SQL type fits a value of the core type, possibly under a cast that keeps
   * its value; null for anything else.
   */
  private static RexDynamicParam param(RexNode node, ColumnType type) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) n).getOperands().get(0);
      if (!RexValues.valuePreservingCast(operand.getType(), n.getType())) {
        return null;
      }
      n = operand;
    }
    return n instanceof RexDynamicParam p && compatible(p, type) ? p : null;
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

  /** The core type of the value a reference reads (a map entry's: core's value type). */
  public ColumnType refType(ValueRef ref) {
    return PredicateValidator.type(table, ref);
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
