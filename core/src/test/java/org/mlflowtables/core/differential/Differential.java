package org.mlflowtables.core.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlflowtables.core.catalog.Endpoint;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.And;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.predicate.ReferenceRows;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.predicate.Translators;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;

/**
 * The two sides of the differential check and their comparison.
 *
 * <ul>
 *   <li>Pushed: {@link ScanPlanner} with push-down on, the scan run against the server, then what
 *       an engine does: {@code plan.residualFilters()} applied with {@link PredicateEvaluator},
 *       the rows sorted with {@link PredicateEvaluator#ordering} and cut at the LIMIT.
 *   <li>Reference: the table's full scan with push-down off (fetched once per table and view
 *       type, which is exactly what a push-down-off scan of any request reads), every conjunct
 *       applied in Java, sorted and limited the same way.
 * </ul>
 *
 * <p>Rows are compared as multisets. With a LIMIT, only what SQL determines is compared: without
 * ORDER BY, the rows must be min(limit, matches) of the matching rows; with ORDER BY, the rows
 * before the last sort-key value must be exactly the reference's and the rest must be rows of the
 * reference with that last sort-key value.
 */
final class Differential {
  private final String uri;
  private final MlflowClient client;
  private final DiffData.Seeded data;
  private final Map<String, List<Object[]>> fullScans = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.FutureTask<Object>> pushedScans =
      new ConcurrentHashMap<>();
  final AtomicLong serverScans = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong scanNanos = new AtomicLong();

  Differential(String uri, DiffData.Seeded data) {
    this.uri = uri;
    this.data = data;
    this.client = MlflowClient.create(config(ViewType.ALL, true));
  }

  MlflowConfig config(ViewType view, boolean pushDown) {
    // One retry: a request the server fails (HTTP 500) fails again, and the back-off of the
    // default retry budget would only add time.
    return MlflowConfig.from(Map.of("uri", uri, "pushDown", Boolean.toString(pushDown),
        "viewType", view.name(), "maxRetries", "1"), Map.of());
  }

  MlflowClient client() {
    return client;
  }

  /** Tables whose rows depend on the view type. */
  static boolean viewSensitive(TableDef t) {
    return t == Tables.EXPERIMENTS || t.endpoint() == Endpoint.SEARCH_RUNS;
  }

  /** The push-down-off scan of the whole table, once per table and view type. */
  List<Object[]> full(String table, ViewType view) {
    return fullScans.computeIfAbsent(table + "|" + view, k -> {
      ScanPlan plan = ScanPlanner.plan(config(view, false), ScanRequest.all(table));
      return drain(plan);
    });
  }

  List<Object[]> drain(ScanPlan plan) {
    List<Object[]> rows = new ArrayList<>();
    try (RowIterator it = plan.openAll(client)) {
      it.forEachRemaining(rows::add);
      requests.addAndGet(it.counters().requests());
    }
    return rows;
  }

  /** The outcome of one request. */
  record Outcome(ScanPlan plan, List<Object[]> actual, List<Object[]> expected,
      List<Object[]> expectedAll, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  Outcome check(String table, ViewType view, List<Predicate> filters, List<SortKey> order,
      Long limit, boolean scoped) {
    TableDef def = Tables.get(table);
    ScanRequest request = new ScanRequest(table, filters, order, limit);
    ScanPlan plan;
    List<Object[]> actual;
    try {
      plan = ScanPlanner.plan(config(view, true), request);
      List<Object[]> raw = pushed(table, view, plan, filters);
      actual = engine(def, plan.residualFilters(), order, limit, raw);
    } catch (RuntimeException e) {
      return new Outcome(null, List.of(), List.of(), List.of(),
          "the pushed scan failed: " + e);
    }
    List<Object[]> expectedAll = engine(def, filters, order, null, full(table, view));
    if (!scoped && limit == null) {
      actual = inDataSet(def, actual);
      expectedAll = inDataSet(def, expectedAll);
    }
    List<Object[]> expected = limit == null ? expectedAll
        : expectedAll.subList(0, (int) Math.min(limit, expectedAll.size()));
    String problem = compare(def, order, limit, actual, expected, expectedAll);
    return new Outcome(plan, actual, expected, expectedAll, problem);
  }

  /** The pushed scan's rows before the residual filters; the same server request is sent once. */
  private List<Object[]> pushed(String table, ViewType view, ScanPlan plan,
      List<Predicate> filters) {
    String d = plan.describe();
    int a = d.indexOf(" [") + 2;
    int b = d.indexOf("], PushedFilters: ", a);
    String keys = table.equals("metrics")
        ? String.valueOf(Translators.forTable(Tables.get(table)).translate(filters).keys()) : "";
    String key = table + "|" + view + "|" + d.substring(a, b) + "|" + keys;
    // One request per distinct server request, also when several threads ask at once.
    java.util.concurrent.FutureTask<Object> task = new java.util.concurrent.FutureTask<>(() -> {
      long t0 = System.nanoTime();
      Object result;
      try {
        result = drain(plan);
      } catch (RuntimeException e) {
        result = e; // the same request fails the same way: ask once
      }
      scanNanos.addAndGet(System.nanoTime() - t0);
      serverScans.incrementAndGet();
      return result;
    });
    java.util.concurrent.FutureTask<Object> existing = pushedScans.putIfAbsent(key, task);
    if (existing == null) {
      task.run();
      existing = task;
    }
    Object cached;
    try {
      cached = existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    if (cached instanceof RuntimeException e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = (List<Object[]>) cached;
    return rows;
  }

  static List<Object[]> engine(TableDef def, List<Predicate> filters, List<SortKey> order,
      Long limit, List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows) {
      if (PredicateEvaluator.testAll(filters, PredicateEvaluator.rowOf(def, r))) {
        out.add(r);
      }
    }
    if (!order.isEmpty()) {
      out.sort(comparator(def, order));
    }
    if (limit != null && out.size() > limit) {
      out = new ArrayList<>(out.subList(0, (int) (long) limit));
    }
    return out;
  }

  static Comparator<Object[]> comparator(TableDef def, List<SortKey> order) {
    Comparator<Function<String, ?>> c = ReferenceRows.ordering(order);
    return (x, y) -> c.compare(PredicateEvaluator.rowOf(def, x), PredicateEvaluator.rowOf(def, y));
  }

  /** Rows of the df data set (for requests not scoped to it). */
  List<Object[]> inDataSet(TableDef def, List<Object[]> rows) {
    Set<String> ids = Set.copyOf(data.allExperimentIds());
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows) {
      boolean keep;
      if (def == Tables.EXPERIMENTS) {
        keep = ((String) r[1]).startsWith(DiffData.PREFIX);
      } else if (def == Tables.REGISTERED_MODELS || def == Tables.MODEL_VERSIONS) {
        keep = ((String) r[0]).startsWith(DiffData.PREFIX);
      } else {
        keep = ids.contains((String) r[def.index("experiment_id")]);
      }
      if (keep) {
        out.add(r);
      }
    }
    return out;
  }

  static String compare(TableDef def, List<SortKey> order, Long limit, List<Object[]> actual,
      List<Object[]> expected, List<Object[]> expectedAll) {
    Map<List<Object>, Integer> act = multiset(actual);
    if (limit == null) {
      return act.equals(multiset(expected)) ? null : "rows differ";
    }
    if (actual.size() != expected.size()) {
      return "LIMIT " + limit + ": " + actual.size() + " rows, expected " + expected.size();
    }
    Map<List<Object>, Integer> all = multiset(expectedAll);
    for (Map.Entry<List<Object>, Integer> e : act.entrySet()) {
      if (all.getOrDefault(e.getKey(), 0) < e.getValue()) {
        return "LIMIT " + limit + ": a row that does not match the filters";
      }
    }
    if (order.isEmpty() || expected.isEmpty()) {
      return null;
    }
    Comparator<Object[]> cmp = comparator(def, order);
    Object[] boundary = expected.get(expected.size() - 1);
    List<Object[]> before = new ArrayList<>();
    for (Object[] r : expected) {
      if (cmp.compare(r, boundary) < 0) {
        before.add(r);
      }
    }
    List<Object[]> actualBefore = new ArrayList<>();
    int atBoundary = 0;
    for (Object[] r : actual) {
      int c = cmp.compare(r, boundary);
      if (c < 0) {
        actualBefore.add(r);
      } else if (c == 0) {
        atBoundary++;
      }
    }
    if (!multiset(before).equals(multiset(actualBefore))
        || atBoundary != expected.size() - before.size()) {
      return "ORDER BY ... LIMIT " + limit + ": not the first rows in that order";
    }
    return null;
  }

  static Map<List<Object>, Integer> multiset(List<Object[]> rows) {
    Map<List<Object>, Integer> m = new HashMap<>();
    for (Object[] r : rows) {
      m.merge(Arrays.asList(r), 1, Integer::sum);
    }
    return m;
  }

  // ------------------------------------------------------------------------------ shrinking

  /** A request reduced as far as it still fails. */
  record Shrunk(List<Predicate> filters, List<SortKey> order, Long limit, Outcome outcome,
      int checks) {}

  Shrunk shrink(String table, ViewType view, List<Predicate> filters, List<SortKey> order,
      Long limit, boolean scoped, int budget) {
    int[] checks = {0};
    List<Predicate> cur = new ArrayList<>(filters);
    List<SortKey> curOrder = order;
    Long curLimit = limit;
    Outcome last = check(table, view, cur, curOrder, curLimit, scoped);
    boolean changed = true;
    while (changed && checks[0] < budget) {
      changed = false;
      for (int i = 0; i < cur.size() && checks[0] < budget; i++) {
        List<Predicate> t = new ArrayList<>(cur);
        t.remove(i);
        Outcome o = tryCheck(table, view, t, curOrder, curLimit, scoped, checks);
        if (o != null) {
          cur = t;
          last = o;
          changed = true;
          i--;
        }
      }
      if (curLimit != null && checks[0] < budget) {
        Outcome o = tryCheck(table, view, cur, List.of(), null, scoped, checks);
        if (o != null) {
          curLimit = null;
          curOrder = List.of();
          last = o;
          changed = true;
        }
      }
      for (int i = 0; i < cur.size() && checks[0] < budget; i++) {
        for (Predicate v : simpler(cur.get(i))) {
          List<Predicate> t = new ArrayList<>(cur);
          t.set(i, v);
          Outcome o = tryCheck(table, view, t, curOrder, curLimit, scoped, checks);
          if (o != null) {
            cur = t;
            last = o;
            changed = true;
            break;
          }
          if (checks[0] >= budget) {
            break;
          }
        }
      }
    }
    return new Shrunk(List.copyOf(cur), curOrder, curLimit, last, checks[0]);
  }

  private Outcome tryCheck(String table, ViewType view, List<Predicate> filters,
      List<SortKey> order, Long limit, boolean scoped, int[] checks) {
    checks[0]++;
    try {
      Outcome o = check(table, view, filters, order, limit, scoped);
      return o.ok() ? null : o;
    } catch (RuntimeException e) {
      return null; // e.g. the reference itself cannot evaluate a reduced predicate
    }
  }

  private static List<Predicate> simpler(Predicate p) {
    List<Predicate> out = new ArrayList<>();
    if (p instanceof And a) {
      out.addAll(a.children());
    } else if (p instanceof Or o) {
      out.addAll(o.children());
      for (int i = 0; i < o.children().size() && o.children().size() > 2; i++) {
        List<Predicate> c = new ArrayList<>(o.children());
        c.remove(i);
        out.add(new Or(c));
      }
    } else if (p instanceof Not n) {
      out.add(n.child());
      for (Predicate c : simpler(n.child())) {
        out.add(new Not(c));
      }
    } else if (p instanceof In in && in.values().size() > 1) {
      for (int i = 0; i < in.values().size(); i++) {
        List<org.mlflowtables.core.predicate.Literal> v = new ArrayList<>(in.values());
        v.remove(i);
        out.add(new In(in.ref(), v));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------ reporting

  /** The kind of a shrunk mismatch: its problem and its predicates with the literals masked. */
  static String signature(Shrunk s) {
    String problem = s.outcome().problem();
    problem = problem.replaceAll("@[0-9a-f]+", "").replaceAll("'[^']*'", "?");
    String where = s.filters().stream().map(Predicate::sql).collect(Collectors.joining(" AND "))
        .replaceAll("'(?:[^']|'')*'", "?").replaceAll("-?[0-9][0-9.E+-]*", "?");
    return problem + " | " + where + " | " + s.order().size() + " | " + (s.limit() != null);
  }

  static String describe(TableDef def, ViewType view, Shrunk s) {
    StringBuilder sb = new StringBuilder();
    sb.append("table ").append(def.name()).append(", viewType ").append(view).append('\n');
    sb.append("  WHERE ").append(s.filters().isEmpty() ? "TRUE" : s.filters().stream()
        .map(Predicate::sql).collect(Collectors.joining(" AND "))).append('\n');
    if (!s.order().isEmpty()) {
      sb.append("  ORDER BY ").append(s.order().stream().map(SortKey::sql)
          .collect(Collectors.joining(", "))).append('\n');
    }
    if (s.limit() != null) {
      sb.append("  LIMIT ").append(s.limit()).append('\n');
    }
    Outcome o = s.outcome();
    sb.append("  problem: ").append(o.problem()).append('\n');
    if (o.plan() != null) {
      sb.append("  plan: ").append(o.plan().describe()).append('\n');
    }
    Map<List<Object>, Integer> act = multiset(o.actual());
    Map<List<Object>, Integer> exp = multiset(o.expected());
    List<String> extra = diff(act, exp);
    List<String> missing = diff(exp, act);
    sb.append("  with push-down: ").append(o.actual().size()).append(" rows, reference: ")
        .append(o.expected().size()).append(" rows\n");
    extra.stream().limit(4).forEach(r -> sb.append("  + only with push-down: ").append(r)
        .append('\n'));
    missing.stream().limit(4).forEach(r -> sb.append("  - only in the reference: ").append(r)
        .append('\n'));
    sb.append("  Java: ").append(JavaSource.of(s.filters()).replace("\n", "\n  ")).append('\n');
    if (!s.order().isEmpty()) {
      sb.append("  order: ").append(s.order().stream().map(JavaSource::of)
          .collect(Collectors.joining(", "))).append('\n');
    }
    return sb.toString();
  }

  private static List<String> diff(Map<List<Object>, Integer> a, Map<List<Object>, Integer> b) {
    List<String> out = new ArrayList<>();
    a.forEach((row, n) -> {
      int m = b.getOrDefault(row, 0);
      for (int i = m; i < n; i++) {
        out.add(abbreviate(row));
      }
    });
    out.sort(null);
    return out;
  }

  static String abbreviate(List<Object> row) {
    String s = row.stream().map(v -> v instanceof String str ? JavaSource.str(str)
        : String.valueOf(v)).collect(Collectors.joining(", ", "[", "]"));
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }
}
