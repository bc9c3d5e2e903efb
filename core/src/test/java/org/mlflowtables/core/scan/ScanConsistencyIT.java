package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;

/** Scans see every row once, split or not, while runs are created, and pay only for what they need. */
@ExtendWith(MlflowServerExtension.class)
class ScanConsistencyIT {
  private static final int SELECTIVE_RUNS = 2000;

  private static MlflowServer server;
  private static MlflowClient client;
  private static String selectiveExperiment;

  @BeforeAll
  static void setUp(MlflowServer s) {
    server = s;
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri()), Map.of()));
    selectiveExperiment = client.createExperiment("sc-selective", null, Map.of());
    // 2 000 runs, one in a hundred tagged group=7: created by MLflow's Python client, 8 at once.
    s.runPython(java.time.Duration.ofMinutes(5), "-c", String.join("\n",
        "import mlflow",
        "from concurrent.futures import ThreadPoolExecutor",
        "c = mlflow.MlflowClient()",
        "def make(i):",
        "    c.create_run('" + selectiveExperiment + "', start_time=1700000000000 + i,",
        "                 tags={'group': str(i % 100)}, run_name='sel-%d' % i)",
        "with ThreadPoolExecutor(8) as pool:",
        "    list(pool.map(make, range(" + SELECTIVE_RUNS + ")))"));
  }

  private static MlflowConfig config(String... kv) {
    Map<String, String> m = new HashMap<>(Map.of("uri", server.uri()));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return MlflowConfig.from(m, Map.of());
  }

  private static List<Object[]> drain(RowIterator it) {
    List<Object[]> rows = new ArrayList<>();
    it.forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void aScanSeesEachPreExistingRunOnceWhileRunsAreCreatedBetweenItsPages() {
    String exp = client.createExperiment("sc-growing", null, Map.of());
    Set<String> before = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      before.add(client.createRun(exp, "g-" + i, 1_700_000_000_000L + (i / 3) * 1000L, Map.of())
          .info().runId());
    }
    MlflowConfig c = config("pageSize", "4");
    ScanRequest request = new ScanRequest("runs",
        List.of(new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ, new Literal(exp))),
        List.of(), null);
    List<String> seen = new ArrayList<>();
    try (RowIterator it = ScanPlanner.plan(c, request).openAll(client)) {
      int n = 0;
      while (it.hasNext()) {
        seen.add((String) it.next()[0]);
        if (++n % 4 == 0 && n <= 24) {
          // between pages: one run that starts now, and one back-dated into what was already read
          client.createRun(exp, "new-" + n, null, Map.of());
          client.createRun(exp, "old-" + n, 1_700_000_000_000L + 500L, Map.of());
        }
      }
    }
    for (String id : before) {
      assertEquals(1, seen.stream().filter(id::equals).count(), "run " + id + " seen once");
    }
    assertEquals(new HashSet<>(seen).size(), seen.size(), "no run twice");
  }

  @Test
  void aSplitScanGivesTheSameRowsAsTheWholeScan() {
    Oracle oracle = server.fixture().oracle();
    Predicate inFixture = new In(new ColumnRef("experiment_id"), oracle.experiments().stream()
        .map(e -> new Literal(e.experimentId())).toList());
    for (String table : List.of("runs", "metrics", "params")) {
      // pages of 2 runs: a history read of runs that fit one page would be one part
      MlflowConfig paged = config("viewType", "ALL", "pageSize", "2");
      MlflowClient pagedClient = MlflowClient.create(paged);
      ScanPlan plan = ScanPlanner.plan(paged,
          new ScanRequest(table, List.of(inFixture), List.of(), null));
      List<ScanPart> parts = plan.parts(pagedClient, 3);
      assertEquals(3, parts.size(), table + " splits into 3 parts");
      List<List<Object>> split = new ArrayList<>();
      for (ScanPart part : parts) {
        try (RowIterator it = plan.open(part, client)) {
          drain(it).forEach(r -> split.add(java.util.Arrays.asList(r)));
        }
      }
      List<List<Object>> whole = new ArrayList<>();
      try (RowIterator it = plan.openAll(client)) {
        drain(it).forEach(r -> whole.add(java.util.Arrays.asList(r)));
      }
      assertEquals(OracleRows.multiset(whole), OracleRows.multiset(split), table);
    }
  }

  @Test
  void aScanOfOneExperimentSplitsByStartTimeIntoPartsThatAddUpToTheWhole() {
    ScanPlan plan = ScanPlanner.plan(config(), new ScanRequest("runs",
        List.of(new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
            new Literal(selectiveExperiment))), List.of(), null));
    List<ScanPart> parts = plan.parts(client, 4);
    assertEquals(4, parts.size());
    List<String> split = new ArrayList<>();
    for (ScanPart part : parts) {
      try (RowIterator it = plan.open(part, client)) {
        List<Object[]> rows = drain(it);
        assertTrue(rows.size() > 0, part.describe());
        rows.forEach(r -> split.add((String) r[0]));
      }
    }
    assertEquals(SELECTIVE_RUNS, split.size());
    assertEquals(SELECTIVE_RUNS, new HashSet<>(split).size());
  }

  @Test
  void aRunIdLookupCostsOneRequest() {
    String runId = server.fixture().oracle().runs().get(0).runId();
    ScanPlan plan = ScanPlanner.plan(config(), new ScanRequest("runs",
        List.of(new Comparison(new ColumnRef("run_id"), CompareOp.EQ, new Literal(runId))),
        List.of(), null));
    long before = server.requestCount();
    List<Object[]> rows;
    try (RowIterator it = plan.openAll(client)) {
      rows = drain(it);
      assertEquals(1, it.counters().requests(), plan.describe() + " " + it.counters());
    }
    assertEquals(1, rows.size());
    assertEquals(runId, rows.get(0)[0]);
    assertEquals(1, server.requestCount() - before, "requests seen by the server");
  }

  @Test
  void aOnePercentFilterOnTwoThousandRunsFetchesOnlyTheMatchingRuns() {
    ScanPlan plan = ScanPlanner.plan(config(), new ScanRequest("runs", List.of(
        new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
            new Literal(selectiveExperiment)),
        new Comparison(new MapEntryRef("tags", "group"), CompareOp.EQ, new Literal("7"))),
        List.of(), null));
    assertTrue(plan.residualFilters().isEmpty(), plan.describe());
    try (RowIterator it = plan.openAll(client)) {
      List<Object[]> rows = drain(it);
      assertEquals(SELECTIVE_RUNS / 100, rows.size());
      assertEquals(1, it.counters().requests());
      assertTrue(it.counters().bytes() < 20 * 4000, "bytes " + it.counters().bytes());
    }
  }

  @Test
  void aTopNAsksTheServerForOnlyNRows() {
    ScanPlan plan = ScanPlanner.plan(config(), new ScanRequest("runs",
        List.of(new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
            new Literal(selectiveExperiment))),
        List.of(org.mlflowtables.core.predicate.SortKey.desc(new ColumnRef("start_time"))), 5L));
    assertEquals(5L, plan.pushedLimit(), plan.describe());
    try (RowIterator it = plan.openAll(client)) {
      List<Object[]> rows = drain(it);
      assertEquals(5, rows.size());
      assertEquals(1, it.counters().requests());
      assertEquals(1_700_000_000_000L + SELECTIVE_RUNS - 1, rows.get(0)[5]);
    }
  }
}
