package org.mlflowtables.core.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.Endpoint;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.ColumnComparison;
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
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.predicate.TableTranslator;
import org.mlflowtables.core.predicate.Translation;
import org.mlflowtables.core.predicate.Translators;
import org.mlflowtables.core.predicate.ValueRef;

/**
 * Generates requests (conjuncts, ORDER BY, LIMIT) for one table from a fixed seed: references to
 * the table's columns and to map entries that exist or are missing, literals drawn from the data
 * and near misses, every operator, NOT / OR / AND nesting and column-to-column comparisons, mixing
 * what MLflow can evaluate with what it cannot.
 */
final class PredicateGen {
  /** One generated request. */
  record Case(int index, List<Predicate> filters, List<SortKey> orderBy, Long limit,
      boolean scoped) {}

  private static final List<String> EXPERIMENT_ID_MISSES = List.of(
      "0", "01", " 1", "999999", "9223372036854775807", "9223372036854775808", "abc", "it's",
      "", "1.0", "-1");
  private static final List<String> ID_MISSES = List.of(
      "not-a-run", "it's", "", "0000000000000000000000000000000", "m-0", "%", "a_b");
  private static final List<String> RM_NAMES_QUOTABLE = List.of(
      "df-rm-a", "df-RM-A", "df-rm 50%_x", "df-rm Ünï \uD83D\uDE80", "df-rm-b", "df-rm_c");

  private final TableDef table;
  private final Pools pools;
  private final DiffData.Seeded data;
  private final Random rnd;
  private final TableTranslator<?> translator;
  private final boolean runBased;
  private final boolean logged;
  private final boolean longTable;
  private final List<ValueRef> scalarRefs = new ArrayList<>();
  private final List<String> mapColumns = new ArrayList<>();
  private int index;

  PredicateGen(TableDef table, Pools pools, DiffData.Seeded data, long seed) {
    this.table = table;
    this.pools = pools;
    this.data = data;
    this.rnd = new Random(seed);
    this.translator = Translators.forTable(table);
    this.runBased = table.endpoint() == Endpoint.SEARCH_RUNS;
    this.logged = table.endpoint() == Endpoint.SEARCH_LOGGED_MODELS
        || table.endpoint() == Endpoint.SEARCH_TRACES;
    this.longTable = table.findColumn("key").isPresent();
    for (Column c : table.columns()) {
      if (c.type().isMap()) {
        mapColumns.add(c.name());
      } else {
        scalarRefs.add(new ColumnRef(c.name()));
      }
    }
  }

  // ------------------------------------------------------------------------------ cases

  Case next() {
    int i = index++;
    List<Predicate> filters = new ArrayList<>();
    List<SortKey> order = new ArrayList<>();
    Long limit = null;
    int shape = rnd.nextInt(100);
    if (shape < 12) {
      limit = (long) rnd.nextInt(6);
    } else if (shape < 32) {
      limit = (long) (1 + rnd.nextInt(12));
      int n = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
      boolean pushable = rnd.nextInt(100) < 60;
      for (int tries = 0; tries < 30; tries++) {
        order.clear();
        for (int k = 0; k < n; k++) {
          order.add(sortKey());
        }
        // mostly an ORDER BY the server can sort by, so that it is pushed
        if (!pushable || translator.orderBy(order).map(o -> !o.isEmpty()).orElse(false)) {
          break;
        }
      }
    }
    boolean exactOnly = limit != null && rnd.nextInt(100) < 55;
    boolean scoped = scope(filters, limit != null);
    if (longTable) {
      keyConjunct(filters);
    }
    int n = rnd.nextInt(100) < 15 ? 0 : 1 + rnd.nextInt(3);
    for (int k = 0; k < n; k++) {
      filters.add(exactOnly ? exactAtom() : predicate(0));
    }
    return new Case(i, List.copyOf(filters), List.copyOf(order), limit, scoped);
  }

  /** Adds the conjunct that keeps the scan to the data set; false if there is none. */
  private boolean scope(List<Predicate> filters, boolean limited) {
    int r = rnd.nextInt(100);
    ColumnRef exp = new ColumnRef("experiment_id");
    if (runBased || logged) {
      List<String> all = data.allExperimentIds();
      List<String> active = data.activeExperimentIds();
      if (table.name().equals("run_artifacts")) {
        // a listing per run in scope and per directory: mostly named runs, else D or E
        if (r < 50) {
          filters.add(runIdIn(1 + rnd.nextInt(3)));
        } else if (r < 70) {
          filters.add(new Comparison(exp, CompareOp.EQ, new Literal(data.id("D"))));
        } else if (r < 85) {
          filters.add(new Comparison(exp, CompareOp.EQ, new Literal(data.id("E"))));
        } else {
          filters.add(in(exp, data.id("D"), data.id("E"), "999999"));
        }
        return true;
      }
      if (table.name().equals("run_inputs")) {
        // run_inputs costs a get-run per run in scope: mostly the small experiments D and E
        if (r < 45) {
          filters.add(new Comparison(exp, CompareOp.EQ, new Literal(data.id("D"))));
        } else if (r < 62) {
          filters.add(new Comparison(exp, CompareOp.EQ, new Literal(data.id("E"))));
        } else if (r < 75) {
          filters.add(in(exp, data.id("D"), data.id("E"), "999999"));
        } else if (r < 87) {
          // every df experiment, but with a dataset conjunct the server prunes on
          filters.add(inList(exp, all));
          ColumnRef col = new ColumnRef(rnd.nextBoolean() ? "dataset_name" : "dataset_digest");
          filters.add(new Comparison(col, CompareOp.EQ, new Literal(stringLiteral(col))));
        } else {
          filters.add(runIdIn(3));
        }
        return true;
      }
      // Mostly one or two experiments: a scan's cost grows with the runs in scope.
      if (r < 10) {
        filters.add(inList(exp, all));
      } else if (r < 15) {
        filters.add(inList(exp, active));
      } else if (r < 62) {
        // the smaller experiments more often
        String k = pick(List.of("A", "B", "C", "C", "D", "D", "D", "E", "E", "E", "F"));
        filters.add(new Comparison(exp, CompareOp.EQ, new Literal(data.id(k))));
      } else if (r < 80) {
        List<String> ids = new ArrayList<>();
        ids.add(data.id(pick(List.of("C", "D", "E", "F"))));
        ids.add(rnd.nextInt(3) == 0 ? pick(EXPERIMENT_ID_MISSES)
            : data.id(pick(List.of("B", "C", "D", "E"))));
        filters.add(inList(exp, ids));
      } else if (r < 95 && runBased) {
        filters.add(runIdIn(1 + rnd.nextInt(3)));
        return true;
      } else if (r < 95) {
        filters.add(inList(exp, all));
      } else {
        return false;
      }
      return true;
    }
    if (table.name().equals("experiments") || table.name().equals("registered_models")) {
      if (limited ? r < 75 : r < 15) {
        filters.add(new Comparison(new MapEntryRef("tags", DiffData.SET_TAG), CompareOp.EQ,
            new Literal(DiffData.SET_VALUE)));
        return true;
      }
      return false;
    }
    if (table.name().equals("model_versions")) {
      if (limited ? r < 75 : r < 15) {
        List<String> names = new ArrayList<>();
        for (String n : RM_NAMES_QUOTABLE) {
          if (rnd.nextInt(3) > 0) {
            names.add(n);
          }
        }
        if (names.isEmpty()) {
          names.add(RM_NAMES_QUOTABLE.get(0));
        }
        filters.add(inList(new ColumnRef("name"), names));
        return true;
      }
    }
    return false;
  }

  private Predicate runIdIn(int n) {
    List<String> ids = new ArrayList<>();
    List<Object> pool = pools.column("run_id");
    for (int k = 0; k < n; k++) {
      ids.add(pool.isEmpty() || rnd.nextInt(8) == 0 ? pick(ID_MISSES) : (String) pick(pool));
    }
    ColumnRef runId = new ColumnRef("run_id");
    return ids.size() == 1 && rnd.nextBoolean()
        ? new Comparison(runId, CompareOp.EQ, new Literal(ids.get(0)))
        : inList(runId, ids);
  }

  private void keyConjunct(List<Predicate> filters) {
    ColumnRef key = new ColumnRef("key");
    int r = rnd.nextInt(100);
    int keyedShare = table.name().equals("metrics") ? 92 : 70;
    if (r >= keyedShare) {
      return;
    }
    r = rnd.nextInt(100);
    if (r < 65) {
      filters.add(new Comparison(key, CompareOp.EQ, new Literal(keyValue())));
    } else if (r < 80) {
      filters.add(in(key, keyValue(), keyValue(), rnd.nextInt(4) == 0 ? null : keyValue()));
    } else if (r < 88) {
      filters.add(new Like(key, keyValue(), false)); // often a LIKE without wildcards
    } else if (r < 94) {
      filters.add(new Like(key, likePattern(keyValue()), rnd.nextBoolean()));
    } else {
      filters.add(new Comparison(key, CompareOp.NE, new Literal(keyValue())));
    }
  }

  private String keyValue() {
    List<Object> keys = pools.column("key");
    if (keys.isEmpty() || rnd.nextInt(100) < 12) {
      return pick(DiffData.MISSING_KEYS);
    }
    return (String) pick(keys);
  }

  // ------------------------------------------------------------------------------ predicates

  Predicate predicate(int depth) {
    int r = rnd.nextInt(100);
    if (depth < 2 && r < 12) {
      int n = 2 + rnd.nextInt(2);
      List<Predicate> children = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        children.add(predicate(depth + 1));
      }
      return new Or(children);
    }
    if (depth < 2 && r < 20) {
      return new Not(predicate(depth + 1));
    }
    if (depth < 2 && r < 24) {
      return new And(List.of(predicate(depth + 1), predicate(depth + 1)));
    }
    if (r < 29) {
      return columnComparison();
    }
    return atom();
  }

  /** An atom that the table's translator pushes exactly (so a LIMIT can be pushed too). */
  private Predicate exactAtom() {
    for (int tries = 0; tries < 40; tries++) {
      Predicate p = atom();
      Translation t;
      try {
        t = translator.translate(List.of(p));
      } catch (RuntimeException e) {
        continue; // the translator's own failure shows up when the case is checked
      }
      if (t.residual().isEmpty() && !t.noRows() && !t.pushed().isEmpty()) {
        return p;
      }
    }
    return atom();
  }

  Predicate atom() {
    ValueRef ref = ref();
    ColumnType type = PredicateValidator.type(table, ref);
    if (type == ColumnType.ARRAY_STRING || type.isMap()) {
      return rnd.nextBoolean() ? new IsNull(ref) : new IsNotNull(ref);
    }
    if (rnd.nextInt(100) < 2) {
      return new Comparison(ref, pick(List.of(CompareOp.values())), Literal.NULL);
    }
    if (type == ColumnType.BOOLEAN) {
      return booleanAtom(ref);
    }
    return type == ColumnType.STRING ? stringAtom(ref) : numberAtom(ref, type);
  }

  private Predicate booleanAtom(ValueRef ref) {
    int r = rnd.nextInt(100);
    if (r < 60) {
      return new Comparison(ref, rnd.nextBoolean() ? CompareOp.EQ : CompareOp.NE,
          new Literal(rnd.nextBoolean()));
    }
    if (r < 80) {
      return new In(ref, List.of(new Literal(true), rnd.nextBoolean() ? Literal.NULL
          : new Literal(false)));
    }
    return r < 90 ? new IsNull(ref) : new IsNotNull(ref);
  }

  private Predicate stringAtom(ValueRef ref) {
    int r = rnd.nextInt(100);
    if (r < 25) {
      return new Comparison(ref, CompareOp.EQ, new Literal(stringLiteral(ref)));
    }
    if (r < 37) {
      return new Comparison(ref, CompareOp.NE, new Literal(stringLiteral(ref)));
    }
    if (r < 49) {
      int n = 1 + rnd.nextInt(4);
      List<Literal> values = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        values.add(rnd.nextInt(100) < 7 ? Literal.NULL : new Literal(stringLiteral(ref)));
      }
      return new In(ref, values);
    }
    if (r < 67) {
      return like(ref, false);
    }
    if (r < 77) {
      return like(ref, true);
    }
    if (r < 83) {
      return new IsNull(ref);
    }
    if (r < 89) {
      return new IsNotNull(ref);
    }
    if (r < 94) {
      return new Not(r < 92 ? like(ref, rnd.nextBoolean())
          : new In(ref, List.of(new Literal(stringLiteral(ref)),
              new Literal(stringLiteral(ref)))));
    }
    CompareOp op = pick(List.of(CompareOp.LT, CompareOp.LE, CompareOp.GT, CompareOp.GE));
    return new Comparison(ref, op, new Literal(stringLiteral(ref)));
  }

  private Predicate numberAtom(ValueRef ref, ColumnType type) {
    int r = rnd.nextInt(100);
    if (r < 70) {
      CompareOp op = pick(List.of(CompareOp.values()));
      return new Comparison(ref, op, new Literal(numberLiteral(ref, type)));
    }
    if (r < 80) {
      int n = 1 + rnd.nextInt(3);
      List<Literal> values = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        values.add(rnd.nextInt(100) < 7 ? Literal.NULL : new Literal(numberLiteral(ref, type)));
      }
      return new In(ref, values);
    }
    if (r < 86) {
      return new IsNull(ref);
    }
    if (r < 92) {
      return new IsNotNull(ref);
    }
    if (r < 96) {
      return new Not(new In(ref, List.of(new Literal(numberLiteral(ref, type)),
          new Literal(numberLiteral(ref, type)))));
    }
    // a range: x >= a AND x < b
    Object a = numberLiteral(ref, type);
    Object b = numberLiteral(ref, type);
    return new And(List.of(new Comparison(ref, CompareOp.GE, new Literal(a)),
        new Comparison(ref, CompareOp.LT, new Literal(b))));
  }

  private Predicate like(ValueRef ref, boolean ilike) {
    String s = stringLiteral(ref);
    int r = rnd.nextInt(100);
    if (r < 15) {
      Character esc = rnd.nextBoolean() ? '\\' : '!';
      String pattern = escape(s, esc) + (rnd.nextBoolean() ? "%" : "");
      if (rnd.nextInt(3) == 0) {
        pattern = "%" + pattern;
      }
      return new Like(ref, ilike ? flipCase(pattern) : pattern, ilike, esc);
    }
    String pattern = likePattern(s);
    if (ilike && rnd.nextBoolean()) {
      pattern = flipCase(pattern);
    }
    return new Like(ref, pattern, ilike);
  }

  /** A LIKE pattern (no escape character) derived from a value. */
  private String likePattern(String s) {
    int[] cps = s.codePoints().toArray();
    int n = cps.length;
    int r = rnd.nextInt(100);
    if (r < 12) {
      return s;
    }
    if (r < 32) {
      return sub(cps, 0, rnd.nextInt(n + 1)) + "%";
    }
    if (r < 47) {
      return "%" + sub(cps, rnd.nextInt(n + 1), n);
    }
    if (r < 62) {
      int a = rnd.nextInt(n + 1);
      int b = a + rnd.nextInt(n - a + 1);
      return "%" + sub(cps, a, b) + "%";
    }
    if (r < 80 && n > 0) {
      int[] copy = cps.clone();
      int k = 1 + rnd.nextInt(2);
      for (int j = 0; j < k; j++) {
        copy[rnd.nextInt(n)] = '_';
      }
      return sub(copy, 0, n) + (rnd.nextInt(4) == 0 ? "%" : "");
    }
    return pick(List.of("%", "_%", "%_", "", "%%", "_", "%'%", "%\"%", "%\\%", "%[%", "%.%",
        "%İ%", "%i%", "%K%", "%\u212A%", "%ß%", "%\n%"));
  }

  private static String sub(int[] cps, int from, int to) {
    return new String(cps, from, Math.max(0, to - from));
  }

  private static String escape(String s, char esc) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (cp == '%' || cp == '_' || cp == esc) {
        sb.append(esc);
      }
      sb.appendCodePoint(cp);
    });
    return sb.toString();
  }

  private String flipCase(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(cp -> {
      if (rnd.nextBoolean()) {
        sb.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp)
            : Character.toUpperCase(cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return sb.toString();
  }

  private Predicate columnComparison() {
    ValueRef a = ref();
    ColumnType ta = PredicateValidator.type(table, a);
    for (int tries = 0; tries < 20; tries++) {
      ValueRef b = ref();
      ColumnType tb = PredicateValidator.type(table, b);
      if (comparable(ta) && comparable(tb) && ta.isNumeric() == tb.isNumeric()) {
        return new ColumnComparison(a, pick(List.of(CompareOp.values())), b);
      }
    }
    return atom();
  }

  private static boolean comparable(ColumnType t) {
    return !t.isMap() && t != ColumnType.ARRAY_STRING && t != ColumnType.BOOLEAN;
  }

  // ------------------------------------------------------------------------------ references

  ValueRef ref() {
    List<ValueRef> weighted = new ArrayList<>();
    for (ValueRef r : scalarRefs) {
      boolean pushable = !table.pushdown(r.column()).exact().isEmpty()
          || !table.pushdown(r.column()).prune().isEmpty();
      int w = pushable ? 3 : 1;
      for (int k = 0; k < w; k++) {
        weighted.add(r);
      }
    }
    int mapWeight = mapColumns.isEmpty() ? 0 : Math.max(2, weighted.size() / 2);
    int r = rnd.nextInt(weighted.size() + mapWeight);
    if (r < weighted.size()) {
      ValueRef ref = weighted.get(r);
      if (rnd.nextInt(60) == 0) {
        // now and then the whole map or array column
        for (Column c : table.columns()) {
          if ((c.type().isMap() || c.type() == ColumnType.ARRAY_STRING) && rnd.nextBoolean()) {
            return new ColumnRef(c.name());
          }
        }
      }
      return ref;
    }
    String column = pick(mapColumns);
    List<String> keys = pools.keys(column);
    String key = keys.isEmpty() || rnd.nextInt(100) < 22 ? pick(DiffData.MISSING_KEYS)
        : pick(keys);
    return new MapEntryRef(column, key);
  }

  private List<Object> poolOf(ValueRef ref) {
    if (ref instanceof MapEntryRef e) {
      return pools.entry(e.column(), e.key());
    }
    return pools.column(ref.column());
  }

  // ------------------------------------------------------------------------------ literals

  String stringLiteral(ValueRef ref) {
    String col = ref.column();
    if (ref instanceof ColumnRef && col.equals("experiment_id") && rnd.nextInt(3) == 0) {
      return pick(EXPERIMENT_ID_MISSES);
    }
    if (ref instanceof ColumnRef && (col.endsWith("run_id") || col.equals("model_id"))
        && rnd.nextInt(6) == 0) {
      return pick(ID_MISSES);
    }
    List<Object> pool = poolOf(ref);
    int r = rnd.nextInt(100);
    if (!pool.isEmpty() && r < 60) {
      return (String) pick(pool);
    }
    if (r < 78) {
      String base = !pool.isEmpty() && rnd.nextBoolean() ? (String) pick(pool)
          : pick(DiffData.SPECIAL_VALUES);
      return mutate(base);
    }
    return pick(DiffData.SPECIAL_VALUES);
  }

  private String mutate(String s) {
    switch (rnd.nextInt(11)) {
      case 0:
        return s.toUpperCase(java.util.Locale.ROOT);
      case 1:
        return s.toLowerCase(java.util.Locale.ROOT);
      case 2:
        return s + " ";
      case 3:
        return " " + s;
      case 4: {
        int[] cps = s.codePoints().toArray();
        return cps.length == 0 ? "x" : new String(cps, 0, cps.length - 1);
      }
      case 5:
        return s + "'";
      case 6:
        return s + "\\";
      case 7:
        return s + "\"";
      case 8:
        return flipCase(s);
      case 9:
        return s + "%";
      default:
        return "x" + s;
    }
  }

  Object numberLiteral(ValueRef ref, ColumnType type) {
    List<Object> pool = poolOf(ref);
    int r = rnd.nextInt(100);
    if (type == ColumnType.DOUBLE) {
      if (!pool.isEmpty() && r < 50) {
        return pick(pool);
      }
      if (r < 70) {
        return DiffData.SHARED_VALUES[rnd.nextInt(DiffData.SHARED_VALUES.length)];
      }
      if (!pool.isEmpty() && r < 85) {
        double v = ((Number) pick(pool)).doubleValue();
        return switch (rnd.nextInt(4)) {
          case 0 -> Math.nextUp(v);
          case 1 -> Math.nextDown(v);
          case 2 -> v + 0.5;
          default -> -v;
        };
      }
      if (r < 95) {
        return (long) pick(List.of(0, 1, 2, -1, 100, 3));
      }
      return Math.round(rnd.nextGaussian() * 1000) / 1000.0;
    }
    // TIMESTAMP and BIGINT
    if (!pool.isEmpty() && r < 50) {
      return pick(pool);
    }
    if (!pool.isEmpty() && r < 70) {
      long v = ((Number) pick(pool)).longValue();
      return v + pick(List.of(-1000L, -1L, 1L, 1000L, 7L));
    }
    if (!pool.isEmpty() && r < 80) {
      return ((Number) pick(pool)).doubleValue(); // integral double
    }
    if (!pool.isEmpty() && r < 86) {
      return ((Number) pick(pool)).doubleValue() + 0.5;
    }
    if (r < 92) {
      return pick(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 2L, 3L));
    }
    return pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.0e19, 1.5, -0.0));
  }

  // ------------------------------------------------------------------------------ sort keys

  SortKey sortKey() {
    ValueRef ref;
    List<ValueRef> sortable = new ArrayList<>();
    for (ValueRef r : scalarRefs) {
      if (table.pushdown(r.column()).sort().pushable()) {
        sortable.add(r);
      }
    }
    boolean metricsSortable = table.findColumn("metrics").isPresent()
        && table.pushdown("metrics").sort().pushable();
    int r = rnd.nextInt(100);
    if (metricsSortable && r < 30) {
      List<String> keys = pools.keys("metrics");
      ref = new MapEntryRef("metrics", keys.isEmpty() || rnd.nextInt(8) == 0
          ? "missing" : pick(keys));
    } else if (!sortable.isEmpty() && r < 80) {
      ref = pick(sortable);
    } else {
      ref = scalarRefs.get(rnd.nextInt(scalarRefs.size()));
      if (!comparable(PredicateValidator.type(table, ref))) {
        ref = scalarRefs.get(0);
      }
    }
    boolean asc = rnd.nextBoolean();
    boolean nullsFirst = rnd.nextInt(100) < 65 ? asc : rnd.nextBoolean();
    return new SortKey(ref, asc, nullsFirst);
  }

  // ------------------------------------------------------------------------------ helpers

  private In in(ValueRef ref, Object... values) {
    List<Literal> ls = new ArrayList<>();
    for (Object v : values) {
      ls.add(v == null ? Literal.NULL : new Literal(v));
    }
    return new In(ref, ls);
  }

  private In inList(ValueRef ref, List<String> values) {
    return new In(ref, values.stream().map(Literal::new).toList());
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }
}
