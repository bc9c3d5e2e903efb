package org.mlflowtables.core.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * Push-down never changes results (DESIGN.md, "Push-down rules"): for every table, at least
 * 500 generated requests (conjuncts mixing what MLflow evaluates and what it cannot,
 * special characters, NaN, missing keys, unicode, deleted rows; ORDER BY + LIMIT for the tables
 * that push them) give the same rows with push-down as the push-down-off full scan filtered in
 * Java. View-sensitive tables (experiments and the run-based ones) cycle through ACTIVE_ONLY,
 * DELETED_ONLY and ALL. A failure lists each mismatch shrunk to a minimal request.
 */
@ExtendWith(MlflowServerExtension.class)
class PushdownDifferentialIT {
  /** Requests per table; {@code -Ddf.cases=N} for a longer exploration. */
  static final int CASES = Integer.getInteger("df.cases", 500);
  /** The predicate generator's seed; {@code -Ddf.seed=N} explores other requests. */
  static final long PREDICATE_SEED = Long.getLong("df.seed", DiffData.SEED);
  private static final int THREADS = 3;
  private static final int SHRINK_PER_TABLE = 30;
  private static final int MAX_KINDS = 8;
  private static final ViewType[] VIEWS = {
    ViewType.ACTIVE_ONLY, ViewType.DELETED_ONLY, ViewType.ALL};

  private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "differential");
    t.setDaemon(true);
    return t;
  });
  private static DiffData.Seeded data;
  private static Differential diff;
  private static long classStart;
  private static final Map<String, String> SUMMARY = new LinkedHashMap<>();

  @BeforeAll
  static void seed(MlflowServer server) {
    classStart = System.nanoTime();
    data = DiffData.seed(server);
    diff = new Differential(server.uri(), data);
    System.out.println("differential data set seeded in " + data.seedTime().toMillis() + " ms: "
        + data.experimentIds() + ", " + data.runIds().size() + " runs, "
        + data.modelIds().size() + " logged models");
  }

  /** Every table; {@code -Ddf.tables=runs,params} narrows it down while debugging. */
  static Stream<String> tables() {
    String only = System.getProperty("df.tables", "");
    return Tables.all().stream().map(TableDef::name)
        .filter(t -> only.isBlank() || List.of(only.split(",")).contains(t));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void pushDownGivesTheRowsOfAFullScanFilteredInJava(String table) {
    long t0 = System.nanoTime();
    TableDef def = Tables.get(table);
    long scansBefore = diff.serverScans.get();
    long scanNanosBefore = diff.scanNanos.get();
    Pools pools = new Pools(def, diff.inDataSet(def, diff.full(table, ViewType.ALL)));
    PredicateGen gen = new PredicateGen(def, pools, data, PREDICATE_SEED + table.hashCode());
    boolean views = Differential.viewSensitive(def);
    int pushedSomething = 0;
    int complete = 0;
    int limitPushed = 0;
    int orderPushed = 0;
    int ordered = 0;
    int limited = 0;
    long rows = 0;
    List<Object[]> failed = new ArrayList<>(); // {case, view}
    int mismatches = 0;
    // The cases come from the seeded generator in order; they are checked by a few threads
    // (the server and the Java side work at the same time), the results read in order.
    List<PredicateGen.Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      cases.add(gen.next());
    }
    for (ViewType v : views ? VIEWS : new ViewType[] {ViewType.ALL}) {
      diff.full(table, v);
    }
    List<Future<Differential.Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      PredicateGen.Case c = cases.get(i);
      ViewType view = views ? VIEWS[i % 3] : ViewType.ALL;
      outcomes.add(POOL.submit(() -> diff.check(table, view, c.filters(), c.orderBy(),
          c.limit(), c.scoped())));
    }
    for (int i = 0; i < CASES; i++) {
      PredicateGen.Case c = cases.get(i);
      ViewType view = views ? VIEWS[i % 3] : ViewType.ALL;
      Differential.Outcome o = get(outcomes.get(i));
      ScanPlan plan = o.plan();
      if (plan != null) {
        if (!plan.pushedFilters().isEmpty() || plan.pushedLimit() != null) {
          pushedSomething++;
        }
        if (plan.residualFilters().isEmpty()) {
          complete++;
        }
        if (plan.pushedLimit() != null) {
          limitPushed++;
        }
        if (plan.orderPushed()) {
          orderPushed++;
        }
      }
      if (c.limit() != null) {
        limited++;
      }
      if (!c.orderBy().isEmpty()) {
        ordered++;
      }
      rows += o.expected().size();
      if (!o.ok()) {
        mismatches++;
        failed.add(new Object[] {c, view});
      }
    }
    // Shrink mismatches spread over the run, grouped by what is left (the kind of problem and
    // the shape of the predicate, literals masked), until enough kinds are found.
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int step = Math.max(1, failed.size()); step >= 1; step /= 2) {
      for (int k = 0; k < failed.size(); k += step) {
        if (!order.contains(k)) {
          order.add(k);
        }
      }
    }
    int shrunk = 0;
    for (int k : order) {
      if (shrunk >= SHRINK_PER_TABLE || groups.size() >= MAX_KINDS) {
        break;
      }
      PredicateGen.Case c = (PredicateGen.Case) failed.get(k)[0];
      ViewType view = (ViewType) failed.get(k)[1];
      Differential.Shrunk s = diff.shrink(table, view, c.filters(), c.orderBy(), c.limit(),
          c.scoped(), 60);
      shrunk++;
      groups.computeIfAbsent(Differential.signature(s), x -> new ArrayList<>())
          .add("case " + c.index() + " (" + s.checks() + " checks to shrink):\n"
              + Differential.describe(def, view, s));
    }
    List<String> failures = new ArrayList<>();
    groups.forEach((sig, list) -> failures.add(list.size() + "x " + list.get(0)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    String line = String.format(
        "%-20s cases=%d pushed=%d (%.0f%%) complete=%d limitPushed=%d orderPushed=%d "
            + "withLimit=%d withOrder=%d rowsCompared=%d serverScans=%d (%d ms) mismatches=%d "
            + "%d ms",
        table, CASES, pushedSomething, 100.0 * pushedSomething / CASES, complete, limitPushed,
        orderPushed, limited, ordered, rows, diff.serverScans.get() - scansBefore,
        (diff.scanNanos.get() - scanNanosBefore) / 1_000_000, mismatches, ms);
    SUMMARY.put(table, line);
    System.out.println(line);
    failures.forEach(System.out::println);
    if (!failures.isEmpty()) {
      fail(mismatches + " of " + CASES + " requests on " + table
          + " gave other rows with push-down; " + groups.size() + " kinds among " + shrunk
          + " of them shrunk:\n"
          + String.join("\n", failures));
    }
    assertTrue(pushedSomething > CASES / 4, "too few requests pushed anything: " + line);
  }

  private static Differential.Outcome get(Future<Differential.Outcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("checking a case failed", e.getCause());
    }
  }

  @AfterAll
  static void summary() {
    POOL.shutdownNow();
    System.out.println("differential summary (" + (System.nanoTime() - classStart) / 1_000_000
        + " ms, " + diff.requests.get() + " requests):");
    SUMMARY.values().forEach(System.out::println);
  }
}
