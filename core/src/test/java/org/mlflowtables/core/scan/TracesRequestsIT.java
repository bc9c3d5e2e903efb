package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.core.testing.OracleTraces;

/**
 * What reading traces, spans and run artifacts costs against the real server: spans are fetched
 * only for the traces the trace-level conditions select (batch-get-traces for spans kept in the
 * database, get-trace-artifact for a trace kept as a file), and a run_id predicate lists that run's
 * artifacts alone. A proxy that injects no fault records every request; the rows must equal the
 * oracle's (MLflow's Python client) filtered here.
 */
@ExtendWith(MlflowServerExtension.class)
class TracesRequestsIT {
  private static final String BATCH_GET = "/api/3.0/mlflow/traces/batchGet";
  private static final String SEARCH_TRACES = "/api/3.0/mlflow/traces/search";
  private static final String TRACE_DATA = "/ajax-api/3.0/mlflow/get-trace-artifact";
  private static final String LIST_ARTIFACTS = "/api/2.0/mlflow/artifacts/list";

  private static Oracle oracle;
  @AutoClose
  private static FaultProxy proxy;
  private static MlflowConfig config;
  private static final ConcurrentLinkedQueue<FaultProxy.Request> SEEN =
      new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void setUp(MlflowServer server) {
    oracle = server.fixture().oracle();
    proxy = FaultProxy.start(server.uri(), r -> {
      SEEN.add(r);
      return Fault.NONE;
    });
    config = MlflowConfig.from(Map.of("uri", proxy.uri(), "viewType", "ALL"), Map.of());
  }

  @BeforeEach
  void clean() {
    proxy.resetCounters();
    SEEN.clear();
  }

  private static Predicate inFixture() {
    return new In(new ColumnRef("experiment_id"), oracle.experiments().stream()
        .map(e -> new Literal(e.experimentId())).toList());
  }

  private static List<List<Object>> scan(String table, List<Predicate> filters) {
    TableDef def = Tables.get(table);
    ScanPlan plan = ScanPlanner.plan(config, new ScanRequest(table, filters, List.of(), null));
    List<List<Object>> rows = new ArrayList<>();
    try (RowIterator it = plan.openAll(MlflowClient.create(config))) {
      it.forEachRemaining(r -> {
        if (PredicateEvaluator.testAll(plan.residualFilters(), PredicateEvaluator.rowOf(def, r))) {
          rows.add(Arrays.asList(r));
        }
      });
    }
    return rows;
  }

  private static List<List<Object>> expected(String table, List<Predicate> filters) {
    TableDef def = Tables.get(table);
    return OracleRows.rows(oracle, table).stream().filter(r -> PredicateEvaluator.testAll(
        filters, PredicateEvaluator.rowOf(def, r.toArray()))).toList();
  }

  private static long requests(String path) {
    return proxy.requestsByPath().getOrDefault(path, 0L);
  }

  /** The values of a query parameter over every request to a path. */
  private static List<String> queryValues(String path, String name) {
    List<String> out = new ArrayList<>();
    SEEN.stream().filter(r -> r.path().equals(path)).forEach(r -> out.addAll(r.queryValues(name)));
    return out;
  }

  @Test
  void aTimeRangeAndTagFilterFetchesOnlyTheMatchingTracesSpans() {
    List<OracleTraces.Trace> traces = oracle.traces();
    long from = traces.get(4).requestTime();
    long to = traces.get(traces.size() - 8).requestTime();
    List<Predicate> filters = List.of(inFixture(),
        new Comparison(new ColumnRef("trace_request_time"), CompareOp.GE, new Literal(from)),
        new Comparison(new ColumnRef("trace_request_time"), CompareOp.LT, new Literal(to)),
        new Comparison(new MapEntryRef("trace_tags", "route"), CompareOp.EQ, new Literal("qa")));
    Set<String> matching = new TreeSet<>();
    for (OracleTraces.Trace t : traces) {
      if (t.requestTime() >= from && t.requestTime() < to && "qa".equals(t.tags().get("route"))) {
        matching.add(t.traceId());
      }
    }
    assertTrue(matching.size() > 1 && matching.size() < traces.size() / 3,
        "a selective filter over the fixture's " + traces.size() + " traces: " + matching);

    List<List<Object>> expected = expected("trace_spans", filters);
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(scan("trace_spans", filters)));
    assertEquals(matching, new TreeSet<>(queryValues(BATCH_GET, "trace_ids")),
        "spans are fetched for the matching traces alone");
    assertEquals(matching.size(), queryValues(BATCH_GET, "trace_ids").size(), "each once");
    assertEquals((matching.size() + 9) / 10, requests(BATCH_GET), proxy.requestsByPath().toString());
    assertEquals(1, requests(SEARCH_TRACES), proxy.requestsByPath().toString());
    assertEquals(0, requests(TRACE_DATA));
  }

  @Test
  void aTraceKeptAsAFileIsReadFromItsTraceDataFile() {
    OracleTraces.Trace file = oracle.traces().stream()
        .filter(t -> !"TRACKING_STORE".equals(t.tags().get("mlflow.trace.spansLocation")))
        .findFirst().orElseThrow();
    List<Predicate> filters = List.of(
        new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
            new Literal(file.experimentId())),
        new Comparison(new ColumnRef("trace_id"), CompareOp.EQ, new Literal(file.traceId())));
    List<List<Object>> expected = expected("trace_spans", filters);
    assertFalse(expected.isEmpty(), "the fixture's file trace has spans");
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(scan("trace_spans", filters)));
    assertEquals(List.of(file.traceId()), queryValues(TRACE_DATA, "request_id"));
    assertEquals(0, requests(BATCH_GET));
  }

  @Test
  void tracesAndAssessmentsAreOneSearchWithoutSpans() {
    for (String table : List.of("traces", "assessments")) {
      clean();
      List<Predicate> filters = List.of(inFixture());
      assertEquals(OracleRows.multiset(expected(table, filters)),
          OracleRows.multiset(scan(table, filters)), table);
      assertEquals(Map.of(SEARCH_TRACES, 1L), proxy.requestsByPath(), table);
    }
  }

  @Test
  void aRunIdPredicateListsThatRunsArtifactsAlone() {
    String runId = oracle.run("fx-alpha-run-00").runId();
    List<Predicate> filters = List.of(
        new Comparison(new ColumnRef("run_id"), CompareOp.EQ, new Literal(runId)));
    List<List<Object>> expected = expected("run_artifacts", filters);
    long dirs = oracle.runArtifacts().stream()
        .filter(a -> a.runId().equals(runId) && a.isDir()).count();
    assertTrue(dirs >= 2, "the fixture nests this run's artifacts");
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(scan("run_artifacts", filters)));
    assertEquals(1 + dirs, requests(LIST_ARTIFACTS), "the root and each directory once");
    assertEquals(Set.of(runId), new TreeSet<>(queryValues(LIST_ARTIFACTS, "run_id")));
    assertEquals(Set.of("/api/2.0/mlflow/runs/get", LIST_ARTIFACTS),
        proxy.requestsByPath().keySet(), "no search: " + proxy.requestsByPath());
  }
}
