package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.mlflowtables.core.catalog.ColumnPushdown;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.PushdownOp;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * The shared translation procedure. Each conjunct (after {@link Conjuncts#normalize}) is decoded
 * into one operation on one value reference, the subclass says what the reference is on the server
 * ({@link Target}), and the table's {@link ColumnPushdown} says whether the operation is pushed
 * exactly, pushed only to prune, or kept. Whatever cannot be written safely falls back to being
 * kept (or to an {@code IS NOT NULL} prune where the server evaluates that exactly).
 */
abstract class AbstractTranslator<O> implements TableTranslator<O> {
  /** Experiment ids as MLflow's stores make them; others could be coerced (int('01') = 1). */
  private static final Pattern CANONICAL_ID = Pattern.compile("0|[1-9][0-9]{0,18}");
  static final double MAX_STORED = Double.MAX_VALUE;

  final TableDef table;
  final PushdownOptions options;
  final Grammar grammar;

  AbstractTranslator(TableDef table, PushdownOptions options, Grammar grammar) {
    this.table = Objects.requireNonNull(table, "table");
    this.options = Objects.requireNonNull(options, "options");
    this.grammar = grammar;
  }

  @Override
  public TableDef table() {
    return table;
  }

  @Override
  public Translation translate(List<? extends Predicate> conjuncts) {
    for (Predicate p : conjuncts) {
      PredicateValidator.validate(table, p);
    }
    List<Predicate> flat = Conjuncts.normalize(conjuncts);
    Acc acc = new Acc();
    begin(flat, acc);
    for (Predicate p : flat) {
      translateConjunct(p, acc);
    }
    end(acc);
    return build(acc);
  }

  /** What the reference is on the server. */
  abstract Target target(ValueRef ref);

  /** Hook before the conjuncts are translated (long tables find their key here). */
  void begin(List<Predicate> conjuncts, Acc acc) {}

  /** Hook after. */
  void end(Acc acc) {}

  Translation build(Acc acc) {
    return acc.build();
  }

  // ---------------------------------------------------------------- decoding

  private void translateConjunct(Predicate p, Acc acc) {
    p.accept(new Decode(acc));
  }

  /**
   * Decodes one normalized conjunct into an operation on a value reference. OR, NOT LIKE, NOT of
   * an AND and column-to-column comparisons stay with the engine: MLflow filters are AND-only
   * comparisons of a field with a constant.
   */
  private final class Decode implements PredicateVisitor<Void> {
    private final Acc acc;

    Decode(Acc acc) {
      this.acc = acc;
    }

    @Override
    public Void visit(Comparison c) {
      if (c.literal().isNull()) {
        acc.noRows(c); // x op NULL is never true
      } else {
        onCompare(c, c.ref(), op(c.op()), c.literal().value(), acc);
      }
      return null;
    }

    @Override
    public Void visit(In in) {
      List<Object> values = nonNull(in.values());
      if (values.isEmpty()) {
        acc.noRows(in); // x IN () and x IN (NULL, ...) are never true
      } else if (values.size() == 1) {
        // x IN (v, NULL) keeps the same rows as x = v: the NULL only turns false into unknown
        onCompare(in, in.ref(), PushdownOp.EQ, values.get(0), acc);
      } else {
        onIn(in, in.ref(), values, acc);
      }
      return null;
    }

    @Override
    public Void visit(Not not) {
      if (!(not.child() instanceof In in)) {
        acc.residual(not); // NOT LIKE, NOT of an AND: no MLflow form
        return null;
      }
      List<Object> values = nonNull(in.values());
      if (in.values().stream().anyMatch(Literal::isNull)) {
        acc.noRows(not); // x NOT IN (.., NULL) is never true
      } else if (values.isEmpty()) {
        acc.residual(not); // x NOT IN () is x IS NOT NULL; rare, left to the engine
      } else {
        onNotIn(not, in.ref(), values, acc);
      }
      return null;
    }

    @Override
    public Void visit(Like like) {
      Optional<String> plain = likeAsEquality(like);
      if (plain.isPresent()) {
        onCompare(like, like.ref(), PushdownOp.EQ, plain.get(), acc);
      } else {
        onLike(like, like, acc);
      }
      return null;
    }

    @Override
    public Void visit(IsNull n) {
      onIsNull(n, n.ref(), PushdownOp.IS_NULL, acc);
      return null;
    }

    @Override
    public Void visit(IsNotNull n) {
      onIsNull(n, n.ref(), PushdownOp.IS_NOT_NULL, acc);
      return null;
    }

    @Override
    public Void visit(Or or) {
      acc.residual(or);
      return null;
    }

    @Override
    public Void visit(And and) {
      acc.residual(and); // normalized conjuncts hold no AND; kept whole if one does
      return null;
    }

    @Override
    public Void visit(ColumnComparison c) {
      acc.residual(c);
      return null;
    }
  }

  /** A case-sensitive LIKE without wildcards is an equality with the unescaped pattern. */
  static Optional<String> likeAsEquality(Like like) {
    if (like.caseInsensitive()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    String s = like.pattern();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (like.escape() != null && c == like.escape() && i + 1 < s.length()) {
        sb.append(s.charAt(++i));
      } else if (c == '%' || c == '_') {
        return Optional.empty();
      } else {
        sb.append(c);
      }
    }
    return Optional.of(sb.toString());
  }

  // ---------------------------------------------------------------- operations

  void onCompare(Predicate p, ValueRef ref, PushdownOp op, Object value, Acc acc) {
    Target t = target(ref);
    if (t instanceof Target.ExperimentId) {
      if (op == PushdownOp.EQ) {
        experiments(p, List.of(value), acc);
      } else {
        acc.residual(p);
      }
    } else if (t instanceof Target.Key) {
      if (op == PushdownOp.EQ) {
        acc.keys(p, Set.of((String) value));
      } else {
        acc.residual(p);
      }
    } else if (t instanceof Target.Field f) {
      ColumnPushdown pd = table.pushdown(ref.column());
      boolean ordering = op != PushdownOp.EQ && op != PushdownOp.NE;
      if (!pd.pushes(op) || (f.kind() == Target.Kind.STRING && ordering)) {
        // MLflow has no < or > on strings; such a prune-only op prunes through fallback.
        fallback(p, f, acc);
        return;
      }
      Optional<FilterClause> clause = compareClause(f, op, value);
      if (clause.isEmpty()) {
        fallback(p, f, acc);
      } else if (pd.exact().contains(op)) {
        acc.exact(p, clause.get());
      } else {
        acc.prune(p, clause.get());
      }
    } else {
      acc.residual(p);
    }
  }

  void onIn(Predicate p, ValueRef ref, List<Object> values, Acc acc) {
    Target t = target(ref);
    if (t instanceof Target.ExperimentId) {
      experiments(p, values, acc);
    } else if (t instanceof Target.Key) {
      Set<String> keys = new LinkedHashSet<>();
      values.forEach(v -> keys.add((String) v));
      acc.keys(p, keys);
    } else if (t instanceof Target.Field f && f.kind() == Target.Kind.STRING) {
      ColumnPushdown pd = table.pushdown(ref.column());
      Optional<String> field = FilterStrings.field(grammar, f.entity(), f.key());
      List<String> strings = values.stream().map(v -> (String) v).toList();
      Optional<String> list = FilterStrings.quoteList(strings);
      boolean sendable = pd.pushes(PushdownOp.IN) && field.isPresent() && list.isPresent()
          && !(f.presencePrune() && !pd.exact().contains(PushdownOp.IN));
      if (!sendable) {
        fallback(p, f, acc);
        return;
      }
      FilterClause c = new FilterClause(
          f.entity(), f.key(), "IN", strings, field.get() + " IN " + list.get());
      if (pd.exact().contains(PushdownOp.IN)) {
        acc.exact(p, c);
      } else {
        acc.prune(p, c);
      }
    } else if (t instanceof Target.Field f) {
      fallback(p, f, acc);
    } else {
      acc.residual(p);
    }
  }

  /** NOT IN as a chain of {@code !=}: exact when the list has no NULL (checked by the caller). */
  void onNotIn(Predicate p, ValueRef ref, List<Object> values, Acc acc) {
    Target t = target(ref);
    if (!(t instanceof Target.Field f)) {
      acc.residual(p);
      return;
    }
    ColumnPushdown pd = table.pushdown(ref.column());
    if (!pd.pushes(PushdownOp.NE)) {
      fallback(p, f, acc);
      return;
    }
    List<FilterClause> clauses = new ArrayList<>();
    for (Object v : values) {
      compareClause(f, PushdownOp.NE, v).ifPresent(clauses::add);
    }
    if (clauses.isEmpty()) {
      fallback(p, f, acc);
    } else if (clauses.size() == values.size() && pd.exact().contains(PushdownOp.NE)) {
      acc.exact(p, clauses.toArray(new FilterClause[0]));
    } else {
      acc.prune(p, clauses.toArray(new FilterClause[0]));
    }
  }

  void onLike(Predicate p, Like like, Acc acc) {
    Target t = target(like.ref());
    if (!(t instanceof Target.Field f) || f.kind() != Target.Kind.STRING) {
      acc.residual(p);
      return;
    }
    PushdownOp op = like.caseInsensitive() ? PushdownOp.ILIKE : PushdownOp.LIKE;
    ColumnPushdown pd = table.pushdown(like.ref().column());
    if (!pd.pushes(op)) {
      fallback(p, f, acc);
      return;
    }
    Optional<String> pattern =
        FilterStrings.serverLikePattern(like.pattern(), like.escape(), like.caseInsensitive());
    Optional<String> field = FilterStrings.field(grammar, f.entity(), f.key());
    Optional<String> quoted = pattern.flatMap(s -> FilterStrings.quoteValue(s, grammar));
    if (field.isEmpty() || quoted.isEmpty()) {
      fallback(p, f, acc);
      return;
    }
    String opText = like.caseInsensitive() ? "ILIKE" : "LIKE";
    FilterClause c = new FilterClause(
        f.entity(), f.key(), opText, pattern.get(),
        field.get() + " " + opText + " " + quoted.get());
    // Never exact: SQLite's LIKE ignores ASCII case and the pattern may have been loosened.
    acc.prune(p, c);
  }

  void onIsNull(Predicate p, ValueRef ref, PushdownOp op, Acc acc) {
    if (ref instanceof ColumnRef && isCollection(ref.column())) {
      acc.residual(p); // a whole map or array is never NULL on the server's side: the engine's
      return;
    }
    Target t = target(ref);
    if (!(t instanceof Target.Field f)) {
      acc.residual(p);
      return;
    }
    ColumnPushdown pd = table.pushdown(ref.column());
    Optional<String> field = FilterStrings.field(grammar, f.entity(), f.key());
    if (!pd.exact().contains(op) || field.isEmpty()) {
      acc.residual(p);
      return;
    }
    String opText = op == PushdownOp.IS_NULL ? "IS NULL" : "IS NOT NULL";
    acc.exact(p, new FilterClause(f.entity(), f.key(), opText, null, field.get() + " " + opText));
  }

  private boolean isCollection(String column) {
    return switch (table.column(column).type()) {
      case MAP_STRING_STRING, MAP_STRING_DOUBLE, ARRAY_STRING -> true;
      default -> false;
    };
  }

  /** Keep the predicate; if the field's presence is exactly searchable, prune on it. */
  void fallback(Predicate p, Target.Field f, Acc acc) {
    if (f.presencePrune()) {
      Optional<String> field = FilterStrings.field(grammar, f.entity(), f.key());
      if (field.isPresent()) {
        acc.prune(p, new FilterClause(
            f.entity(), f.key(), "IS NOT NULL", null, field.get() + " IS NOT NULL"));
        return;
      }
    }
    acc.residual(p);
  }

  void experiments(Predicate p, List<Object> values, Acc acc) {
    Set<String> ids = new TreeSet<>();
    for (Object v : values) {
      String id = (String) v;
      if (!CANONICAL_ID.matcher(id).matches()) {
        // MLflow's SQL stores read experiment ids with int(): '01' would select experiment 1.
        acc.residual(p);
        return;
      }
      if (id.length() == 19 && id.compareTo(Long.toString(Long.MAX_VALUE)) > 0) {
        continue; // beyond SQL integers (the server fails on it): no experiment has this id
      }
      ids.add(id);
    }
    acc.experiments(p, ids);
  }

  /** One comparison of a field with a constant, or empty if it cannot be written exactly. */
  Optional<FilterClause> compareClause(Target.Field f, PushdownOp op, Object value) {
    Optional<String> field = FilterStrings.field(grammar, f.entity(), f.key());
    if (field.isEmpty()) {
      return Optional.empty();
    }
    String opText = mlflowOp(op);
    Object sent = value;
    Optional<String> text;
    switch (f.kind()) {
      case STRING:
        text = FilterStrings.quoteValue((String) value, grammar);
        break;
      case INTEGER:
        text = FilterStrings.number(value, true);
        if (text.isPresent()) {
          sent = Long.parseLong(text.get());
        }
        break;
      default:
        if (op == PushdownOp.GT || op == PushdownOp.GE) {
          // MLflow never matches a NaN metric with > or >= (the SQL store adds is_nan = false);
          // Spark's NaN is above every number. "!= w" also matches NaN, so it is a superset:
          // for "> v" take w = v, for ">= v" any w < v: the lowest stored value, -Double.MAX_VALUE
          // (MLflow stores -Infinity as that), unless v is not above it.
          double v = ((Number) value).doubleValue();
          if (Double.isNaN(v)) {
            return Optional.empty();
          }
          opText = "!=";
          if (op == PushdownOp.GE) {
            if (!(v > -MAX_STORED)) {
              return Optional.empty();
            }
            sent = -MAX_STORED;
          }
        }
        text = FilterStrings.number(sent, false);
        break;
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new FilterClause(
        f.entity(), f.key(), opText, sent, field.get() + " " + opText + " " + text.get()));
  }

  static String mlflowOp(PushdownOp op) {
    switch (op) {
      case EQ:
        return "=";
      case NE:
        return "!=";
      case LT:
        return "<";
      case LE:
        return "<=";
      case GT:
        return ">";
      case GE:
        return ">=";
      default:
        throw new IllegalArgumentException(op.toString());
    }
  }

  static PushdownOp op(CompareOp op) {
    switch (op) {
      case EQ:
        return PushdownOp.EQ;
      case NE:
        return PushdownOp.NE;
      case LT:
        return PushdownOp.LT;
      case LE:
        return PushdownOp.LE;
      case GT:
        return PushdownOp.GT;
      default:
        return PushdownOp.GE;
    }
  }

  private static List<Object> nonNull(List<Literal> literals) {
    List<Object> out = new ArrayList<>();
    for (Literal l : literals) {
      if (!l.isNull() && !out.contains(l.value())) {
        out.add(l.value());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- ORDER BY helpers

  /**
   * ORDER BY on plain columns as the registry and experiment endpoints take it: {@code "field
   * ASC|DESC"}, each field once, then the tie-breaks the server appends on its own (written out,
   * so that the order is explicit), those not already sorted on. Empty when a key is not pushed.
   *
   * @param field the server's name of a column
   * @param tieBreaks {@code "field ASC|DESC"} clauses, in the server's order
   */
  Optional<List<String>> columnOrderBy(List<SortKey> keys, UnaryOperator<String> field,
      List<String> tieBreaks) {
    if (keys.isEmpty()) {
      return Optional.of(List.of());
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SortKey k : keys) {
      if (!sortAllowed(k)) {
        return Optional.empty();
      }
      String f = field.apply(table.column(k.ref().column()).name());
      if (seen.add(f)) {
        out.add(f + (k.ascending() ? " ASC" : " DESC"));
      }
    }
    for (String tieBreak : tieBreaks) {
      if (seen.add(tieBreak.substring(0, tieBreak.indexOf(' ')))) {
        out.add(tieBreak);
      }
    }
    return Optional.of(List.copyOf(out));
  }

  /** Whether the table's rules let the sort key be pushed. */
  boolean sortAllowed(SortKey k) {
    ColumnType type = PredicateValidator.type(table, k.ref());
    if (type.isMap() || type == ColumnType.ARRAY_STRING) {
      return false; // a whole map or array: MLflow sorts by entries only
    }
    boolean nullable = k.ref() instanceof MapEntryRef
        || table.column(k.ref().column()).nullable();
    return table.pushdown(k.ref().column()).sort()
        .allows(k.ascending(), k.nullsFirst(), nullable, options.binaryStringOrdering());
  }

  /** The accumulated result of translating a list of conjuncts. */
  static final class Acc {
    final List<FilterClause> clauses = new ArrayList<>();
    final List<Predicate> pushed = new ArrayList<>();
    final List<Predicate> residual = new ArrayList<>();
    final List<Predicate> experimentConjuncts = new ArrayList<>();
    Set<String> experimentIds;
    Set<String> keys;
    boolean noRows;

    void exact(Predicate p, FilterClause... cs) {
      addClauses(cs);
      add(pushed, p);
    }

    void prune(Predicate p, FilterClause... cs) {
      addClauses(cs);
      add(pushed, p);
      add(residual, p);
    }

    void residual(Predicate p) {
      add(residual, p);
    }

    void noRows(Predicate p) {
      noRows = true;
      add(pushed, p);
    }

    void experiments(Predicate p, Set<String> ids) {
      if (experimentIds == null) {
        experimentIds = new TreeSet<>(ids);
      } else {
        experimentIds.retainAll(ids);
      }
      add(pushed, p);
      add(experimentConjuncts, p);
    }

    /** Keys bound the reader's work; the conjunct stays residual (rows of other keys remain). */
    void keys(Predicate p, Set<String> ks) {
      if (keys == null) {
        keys = new TreeSet<>(ks);
      } else {
        keys.retainAll(ks);
      }
      add(pushed, p);
      add(residual, p);
    }

    void addClauses(FilterClause... cs) {
      for (FilterClause c : cs) {
        if (clauses.stream().noneMatch(x -> x.text().equals(c.text()))) {
          clauses.add(c);
        }
      }
    }

    private static void add(List<Predicate> list, Predicate p) {
      if (!list.contains(p)) {
        list.add(p);
      }
    }

    private static Optional<Set<String>> sortedCopy(Set<String> s) {
      return s == null
          ? Optional.empty()
          : Optional.of(Collections.unmodifiableSet(new TreeSet<>(s)));
    }

    Translation build() {
      boolean none = noRows
          || (experimentIds != null && experimentIds.isEmpty())
          || (keys != null && keys.isEmpty());
      String filter = clauses.isEmpty()
          ? null
          : String.join(" AND ", clauses.stream().map(FilterClause::text).toList());
      return new Translation(
          filter,
          clauses,
          sortedCopy(experimentIds),
          sortedCopy(keys),
          pushed,
          residual,
          none);
    }
  }
}
