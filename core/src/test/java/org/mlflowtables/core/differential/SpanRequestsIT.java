package org.mlflowtables.core.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
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
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.OracleRows;

/**
 * On the differential data set's traces (many, at request times with ties, in every experiment),
 * a time range and a tag filter on {@code trace_spans} give the rows of the push-down-off scan
 * filtered in Java, and fetch the spans of the matching traces alone: one search-traces, one
 * batch-get-traces per 10 of those traces, each trace named once.
 */
@ExtendWith(MlflowServerExtension.class)
class SpanRequestsIT {
  private static final String BATCH_GET = "/api/3.0/mlflow/traces/batchGet";
  private static final String SEARCH_TRACES = "/api/3.0/mlflow/traces/search";

  @Test
  void aTimeRangeAndTagFilterFetchesOnlyTheMatchingTracesSpans(MlflowServer server) {
    DiffData.Seeded data = DiffData.seed(server);
    Differential diff = new Differential(server.uri(), data);
    TableDef def = Tables.TRACE_SPANS;
    List<Predicate> filters = List.of(
        new In(new ColumnRef("experiment_id"),
            data.allExperimentIds().stream().map(Literal::new).toList()),
        new Comparison(new ColumnRef("trace_request_time"), CompareOp.GE,
            new Literal(DiffData.T0 + 2 * 60_000L)),
        new Comparison(new ColumnRef("trace_request_time"), CompareOp.LT,
            new Literal(DiffData.T0 + 16 * 60_000L)),
        new Comparison(new MapEntryRef("trace_tags", "env"), CompareOp.EQ, new Literal("prod")));
    List<List<Object>> expected = new ArrayList<>();
    Set<String> all = new TreeSet<>();
    Set<String> matching = new TreeSet<>();
    for (Object[] r : diff.inDataSet(def, diff.full("trace_spans", ViewType.ALL))) {
      all.add((String) r[def.index("trace_id")]);
      if (PredicateEvaluator.testAll(filters, PredicateEvaluator.rowOf(def, r))) {
        expected.add(Arrays.asList(r));
        matching.add((String) r[def.index("trace_id")]);
      }
    }
    assertTrue(!matching.isEmpty() && matching.size() < all.size() / 4,
        "a selective filter over the data set's " + all.size() + " traces: " + matching);

    ConcurrentLinkedQueue<FaultProxy.Request> seen = new ConcurrentLinkedQueue<>();
    try (FaultProxy proxy = FaultProxy.start(server.uri(), r -> {
      seen.add(r);
      return Fault.NONE;
    })) {
      MlflowConfig config = MlflowConfig.from(Map.of("uri", proxy.uri()), Map.of());
      ScanPlan plan = ScanPlanner.plan(config,
          new ScanRequest("trace_spans", filters, List.of(), null));
      List<List<Object>> actual = new ArrayList<>();
      try (RowIterator it = plan.openAll(MlflowClient.create(config))) {
        it.forEachRemaining(r -> {
          if (PredicateEvaluator.testAll(plan.residualFilters(),
              PredicateEvaluator.rowOf(def, r))) {
            actual.add(Arrays.asList(r));
          }
        });
      }
      assertEquals(OracleRows.multiset(expected), OracleRows.multiset(actual));

      List<String> fetched = new ArrayList<>();
      seen.stream().filter(r -> r.path().equals(BATCH_GET))
          .forEach(r -> fetched.addAll(r.queryValues("trace_ids")));
      assertEquals(matching, new TreeSet<>(fetched), "spans of the matching traces alone");
      assertEquals(matching.size(), fetched.size(), "each trace once: " + fetched);
      String counts = proxy.requestsByPath().toString();
      assertEquals((long) (matching.size() + 9) / 10, proxy.requestsByPath().get(BATCH_GET), counts);
      assertEquals(1L, proxy.requestsByPath().get(SEARCH_TRACES), counts);
    }
  }
}
