package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnPushdown;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.MlflowField;
import org.mlflowtables.core.catalog.PushdownOp;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * The shared translation procedure. Each conjunct (after {@link Conjuncts#normalize}) is decoded
 * into one operation on one value reference, the catalogue says what the reference is on the
 * server ({@link MlflowField}), and the table's {@link ColumnPushdown} says whether the operation
 * is pushed exactly, pushed only to prune, or kept. Whatever cannot be written safely falls back to being
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
    TranslationBuilder acc = new TranslationBuilder();
    acc.singleKey = hasKeyColumn() ? LongTables.singleKey(flat) : null;
    for (Predicate p : flat) {
      translateConjunct(p, acc);
    }
    pruneByKey(acc);
    return build(acc);
  }

  /** What the reference is on the server (see {@link MlflowField#resolve}). */
  MlflowField target(ValueRef ref, TranslationBuilder acc) {
    String entryKey = ref instanceof MapEntryRef e ? e.key() : null;
    return table.field(ref.column()).resolve(entryKey, acc.singleKey);
  }

  /** The translation of what was accumulated (the experiments table reads by id instead). */
  Translation build(TranslationBuilder acc) {
    return acc.build();
  }

  private boolean hasKeyColumn() {
    return table.columns().stream().anyMatch(c -> table.field(c.name()) instanceof MlflowField.Keys);
  }

  /**
   * On a long table whose value field's presence the server evaluates exactly (params, tags),
   * {@code key = 'k'} alone still prunes the runs to those having the key.
   */
  private void pruneByKey(TranslationBuilder acc) {
    if (acc.singleKey == null) {
      return;
    }
    for (Column c : table.columns()) {
      if (table.field(c.name()) instanceof MlflowField.ValueOfKey v && v.presencePrune()) {
        boolean hasClause = acc.clauses.stream()
            .anyMatch(x -> x.entity().equals(v.entity()) && x.key().equals(acc.singleKey));
        Optional<String> field = FilterStrings.field(grammar, v.entity(), acc.singleKey);
        if (!hasClause && field.isPresent()) {
          acc.addClauses(new FilterClause(
              v.entity(), acc.singleKey, "IS NOT NULL", null, field.get() + " IS NOT NULL"));
        }
      }
    }
  }

  private void translateConjunct(Predicate p, TranslationBuilder acc) {
    p.accept(new ConjunctDecoder(this, acc));
  }

  // ---------------------------------------------------------------- operations

  void onCompare(Predicate p, ValueRef ref, PushdownOp op, Object value, TranslationBuilder acc) {
    MlflowField t = target(ref, acc);
    if (t instanceof MlflowField.ExperimentIds) {
      if (op == PushdownOp.EQ) {
        experiments(p, List.of(value), acc);
      } else {
        acc.residual(p);
      }
    } else if (t instanceof MlflowField.Keys) {
      if (op == PushdownOp.EQ) {
        acc.keys(p, Set.of((String) value));
      } else {
        acc.residual(p);
      }
    } else if (t instanceof MlflowField.Fixed f) {
      ColumnPushdown pd = table.pushdown(ref.column());
      boolean ordering = op != PushdownOp.EQ && op != PushdownOp.NE;
      if (!pd.pushes(op) || (f.kind() == MlflowField.Kind.STRING && ordering)) {
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

  void onIn(Predicate p, ValueRef ref, List<Object> values, TranslationBuilder acc) {
    MlflowField t = target(ref, acc);
    if (t instanceof MlflowField.ExperimentIds) {
      experiments(p, values, acc);
    } else if (t instanceof MlflowField.Keys) {
      Set<String> keys = new LinkedHashSet<>();
      values.forEach(v -> keys.add((String) v));
      acc.keys(p, keys);
    } else if (t instanceof MlflowField.Fixed f && f.kind() == MlflowField.Kind.STRING) {
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
    } else if (t instanceof MlflowField.Fixed f) {
      fallback(p, f, acc);
    } else {
      acc.residual(p);
    }
  }

  /** NOT IN as a chain of {@code !=}: exact when the list has no NULL (checked by the caller). */
  void onNotIn(Predicate p, ValueRef ref, List<Object> values, TranslationBuilder acc) {
    MlflowField t = target(ref, acc);
    if (!(t instanceof MlflowField.Fixed f)) {
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

  void onLike(Predicate p, Like like, TranslationBuilder acc) {
    MlflowField t = target(like.ref(), acc);
    if (!(t instanceof MlflowField.Fixed f) || f.kind() != MlflowField.Kind.STRING) {
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

  void onIsNull(Predicate p, ValueRef ref, PushdownOp op, TranslationBuilder acc) {
    if (ref instanceof ColumnRef && isCollection(ref.column())) {
      acc.residual(p); // a whole map or array is never NULL on the server's side: the engine's
      return;
    }
    MlflowField t = target(ref, acc);
    if (!(t instanceof MlflowField.Fixed f)) {
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
  void fallback(Predicate p, MlflowField.Fixed f, TranslationBuilder acc) {
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

  void experiments(Predicate p, List<Object> values, TranslationBuilder acc) {
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
  Optional<FilterClause> compareClause(MlflowField.Fixed f, PushdownOp op, Object value) {
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
      case INT32:
        text = FilterStrings.number(value, true);
        if (text.isPresent()) {
          long n = Long.parseLong(text.get());
          sent = n;
          if (f.kind() == MlflowField.Kind.INT32 && n != (int) n) {
            text = Optional.empty();
          }
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

  // ---------------------------------------------------------------- ORDER BY helpers

  /**
   * The endpoint's order for the sort keys, all or nothing: each key's field once (a repeated key
   * adds nothing, and MLflow rejects duplicates), then the tie-breaks the server appends on its own
   * (written out, so that the order is explicit), those not already sorted on. Empty when a key is
   * not pushed or has no name on the server.
   *
   * @param name the field's name in an order ({@code attributes.start_time}), empty if unsendable
   * @param clause one entry of the order: a field name and whether ascending
   * @param tieBreaks field names and directions, in the server's order
   */
  <T> Optional<List<T>> serverOrder(List<SortKey> keys,
      Function<MlflowField.Fixed, Optional<String>> name, BiFunction<String, Boolean, T> clause,
      List<Map.Entry<String, Boolean>> tieBreaks) {
    if (keys.isEmpty()) {
      return Optional.of(List.of());
    }
    List<T> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SortKey k : keys) {
      Optional<String> field = sortField(k).flatMap(name);
      if (field.isEmpty()) {
        return Optional.empty();
      }
      if (seen.add(field.get())) {
        out.add(clause.apply(field.get(), k.ascending()));
      }
    }
    for (Map.Entry<String, Boolean> tieBreak : tieBreaks) {
      if (seen.add(tieBreak.getKey())) {
        out.add(clause.apply(tieBreak.getKey(), tieBreak.getValue()));
      }
    }
    return Optional.of(List.copyOf(out));
  }

  /** ORDER BY as a list of {@code "field ASC|DESC"}, fields by their names on the server. */
  Optional<List<String>> textOrder(List<SortKey> keys,
      Function<MlflowField.Fixed, Optional<String>> name,
      List<Map.Entry<String, Boolean>> tieBreaks) {
    return serverOrder(keys, name, (f, asc) -> f + (asc ? " ASC" : " DESC"), tieBreaks);
  }

  /**
   * The field the server sorts by for the key, or empty when the table's rules do not let the key
   * be pushed, or the table's rows are not one per entity (then no server order fits them).
   */
  Optional<MlflowField.Fixed> sortField(SortKey k) {
    if (!table.onePerEntity() || !sortAllowed(k)) {
      return Optional.empty();
    }
    String entryKey = k.ref() instanceof MapEntryRef e ? e.key() : null;
    return table.field(k.ref().column()).resolve(entryKey, null) instanceof MlflowField.Fixed f
        ? Optional.of(f) : Optional.empty();
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
}
