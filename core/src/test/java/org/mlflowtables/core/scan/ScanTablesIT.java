package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;

/** Every table, scanned through core against the real server, equals MLflow's Python client. */
@ExtendWith(MlflowServerExtension.class)
class ScanTablesIT {
  private static Oracle oracle;
  private static MlflowConfig config;
  private static Predicate inFixture;

  @BeforeAll
  static void seed(MlflowServer server) {
    oracle = server.fixture().oracle();
    config = MlflowConfig.from(Map.of("uri", server.uri(), "viewType", "ALL"), Map.of());
    inFixture = new In(new ColumnRef("experiment_id"), oracle.experiments().stream()
        .map(e -> new Literal(e.experimentId())).toList());
  }

  static List<List<Object>> scan(MlflowConfig c, ScanRequest request) {
    return scan(c, request, 1);
  }

  static List<List<Object>> scan(MlflowConfig c, ScanRequest request, int streams) {
    MlflowClient client = MlflowClient.create(c);
    List<List<Object>> rows = new ArrayList<>();
    try (RowIterator it = ScanPlanner.plan(c, request).openAll(client, streams)) {
      it.forEachRemaining(r -> rows.add(Arrays.asList(r)));
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(strings = {"runs", "latest_metrics", "params", "tags", "metrics", "run_inputs",
      "logged_models", "logged_model_metrics", "traces", "trace_spans", "assessments",
      "run_artifacts"})
  void experimentScopedTablesEqualThePythonClient(String table) {
    List<List<Object>> actual = scan(config,
        new ScanRequest(table, List.of(inFixture), List.of(), null));
    List<List<Object>> expected = OracleRows.rows(oracle, table);
    assertFalse(expected.isEmpty(), "the fixture has rows for " + table);
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(actual));
  }

  /**
   * As a JDBC query reads them (scanStreams): pages of two rows, so that the scans of runs split
   * what is left after their first page into three ranges read at once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"runs", "latest_metrics", "params", "tags", "metrics", "run_inputs",
      "logged_models", "logged_model_metrics", "traces", "trace_spans", "assessments",
      "run_artifacts"})
  void experimentScopedTablesReadAsPartsAtOnceEqualThePythonClient(String table) {
    ScanRequest request = new ScanRequest(table, List.of(inFixture), List.of(), null);
    List<List<Object>> actual = scan(config.with("pageSize", "2"), request, 3);
    assertEquals(OracleRows.multiset(OracleRows.rows(oracle, table)),
        OracleRows.multiset(actual));
  }

  @Test
  void aScanOfOnePageCostsWhatOneStreamCosts() {
    ScanRequest request = new ScanRequest("runs", List.of(inFixture), List.of(), null);
    MlflowClient client = MlflowClient.create(config);
    long one;
    long three;
    try (RowIterator it = ScanPlanner.plan(config, request).openAll(client, 1)) {
      it.forEachRemaining(r -> { });
      one = it.counters().requests();
    }
    try (RowIterator it = ScanPlanner.plan(config, request).openAll(client, 3)) {
      it.forEachRemaining(r -> { });
      three = it.counters().requests();
    }
    assertEquals(one, three);
  }

  @ParameterizedTest
  @ValueSource(strings = {"experiments", "registered_models", "model_versions"})
  void globalTablesEqualThePythonClientOnTheFixture(String table) {
    List<List<Object>> actual = scan(config, ScanRequest.all(table));
    List<List<Object>> expected = OracleRows.rows(oracle, table);
    int nameColumn = table.equals("experiments") ? 1 : 0;
    List<List<Object>> fixtureRows = OracleRows.where(actual, nameColumn,
        v -> ((String) v).startsWith(oracle.prefix()));
    assertFalse(expected.isEmpty());
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(fixtureRows));
  }
}
