package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Or;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;

/**
 * run_inputs' cost against the real server: search-runs sends a run's dataset inputs but not its
 * model inputs, so only a query that may match model rows pays one get-run per run. The requests
 * are counted per path by a proxy that injects no fault; the rows must equal those of the full
 * read (every run fetched in full) filtered here.
 */
@ExtendWith(MlflowServerExtension.class)
class RunInputsRequestsIT {
  private static final String GET_RUN = "/runs/get";

  private static Oracle oracle;
  @AutoClose
  private static FaultProxy proxy;
  private static MlflowConfig config;
  private static Predicate inFixture;

  @BeforeAll
  static void setUp(MlflowServer server) {
    oracle = server.fixture().oracle();
    proxy = FaultProxy.start(server.uri(), FaultPlan.none());
    config = MlflowConfig.from(Map.of("uri", proxy.uri(), "viewType", "ALL"), Map.of());
    inFixture = new In(new ColumnRef("experiment_id"), oracle.experiments().stream()
        .map(e -> new Literal(e.experimentId())).toList());
  }

  @BeforeEach
  void clean() {
    proxy.resetCounters();
  }

  private static List<List<Object>> scan(List<Predicate> filters) {
    List<Predicate> all = new ArrayList<>(filters);
    all.add(inFixture);
    ScanPlan plan = ScanPlanner.plan(config, new ScanRequest("run_inputs", all, List.of(), null));
    List<List<Object>> rows = new ArrayList<>();
    try (RowIterator it = plan.openAll(MlflowClient.create(config))) {
      it.forEachRemaining(r -> {
        if (PredicateEvaluator.testAll(plan.residualFilters(),
            PredicateEvaluator.rowOf(Tables.RUN_INPUTS, r))) {
          rows.add(Arrays.asList(r));
        }
      });
    }
    return rows;
  }

  /** Every run_inputs row of the fixture (each run read in full), filtered here. */
  private static List<List<Object>> expected(Predicate filter) {
    return OracleRows.rows(oracle, "run_inputs").stream()
        .filter(r -> PredicateEvaluator.test(filter,
            PredicateEvaluator.rowOf(Tables.RUN_INPUTS, r.toArray())))
        .toList();
  }

  private static long getRuns() {
    return proxy.requestsByPath().entrySet().stream()
        .filter(e -> e.getKey().endsWith(GET_RUN)).mapToLong(Map.Entry::getValue).sum();
  }

  static Stream<Arguments> datasetOnly() {
    String digest = oracle.runInputs().stream().filter(i -> i.kind().equals("dataset"))
        .map(Oracle.RunInput::datasetDigest).findFirst().orElseThrow();
    ColumnRef kind = new ColumnRef("kind");
    return Stream.of(
        Arguments.of("kind = 'dataset'", new Comparison(kind, CompareOp.EQ, new Literal("dataset"))),
        Arguments.of("NOT (kind = 'model')",
            new Not(new Comparison(kind, CompareOp.EQ, new Literal("model")))),
        Arguments.of("dataset_name LIKE '%'", new Like(new ColumnRef("dataset_name"), "%", false)),
        Arguments.of("dataset_digest = a digest",
            new Comparison(new ColumnRef("dataset_digest"), CompareOp.EQ, new Literal(digest))),
        Arguments.of("source_type IS NOT NULL", new IsNotNull(new ColumnRef("source_type"))),
        Arguments.of("source IS NOT NULL", new IsNotNull(new ColumnRef("source"))),
        Arguments.of("schema IS NOT NULL OR profile IS NOT NULL", new Or(List.of(
            new IsNotNull(new ColumnRef("schema")), new IsNotNull(new ColumnRef("profile"))))),
        Arguments.of("tags['mlflow.data.context'] IN ('train', 'eval')",
            new In(new MapEntryRef("tags", "mlflow.data.context"),
                List.of(new Literal("train"), new Literal("eval")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasetOnly")
  void aQueryThatRejectsEveryModelRowSendsNoGetRun(String name, Predicate filter) {
    List<List<Object>> expected = expected(filter);
    assertFalse(expected.isEmpty(), "the fixture has dataset rows for " + name);
    List<List<Object>> actual = scan(List.of(filter));
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(actual), name);
    assertEquals(0, getRuns(), name + ": " + proxy.requestsByPath());
  }

  @Test
  void aQueryThatMayMatchModelRowsGetsEachRunOnce() {
    Predicate models = new Comparison(new ColumnRef("kind"), CompareOp.EQ, new Literal("model"));
    List<List<Object>> expected = expected(models);
    assertFalse(expected.isEmpty(), "the fixture has model inputs");
    List<List<Object>> actual = scan(List.of(models));
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(actual));
    long runs = oracle.runs().size();
    assertEquals(runs, getRuns(), "one get-run per run: " + proxy.requestsByPath());
  }
}
