package org.mlflowtables.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.exceptions.UnknownColumnException;
import org.mlflowtables.core.exceptions.UnknownTableException;

class TablesTest {

  static Stream<Arguments> designColumns() {
    return Stream.of(
        Arguments.of("experiments",
            "experiment_id, name, artifact_location, lifecycle_stage, creation_time,"
                + " last_update_time, tags"),
        Arguments.of("runs",
            "run_id, run_name, experiment_id, user_id, status, start_time, end_time, artifact_uri,"
                + " lifecycle_stage, metrics, params, tags"),
        Arguments.of("latest_metrics",
            "run_id, experiment_id, key, value, timestamp, step, model_id, dataset_name,"
                + " dataset_digest"),
        Arguments.of("params", "run_id, experiment_id, key, value"),
        Arguments.of("tags", "run_id, experiment_id, key, value"),
        Arguments.of("metrics",
            "run_id, experiment_id, key, value, timestamp, step, model_id, dataset_name,"
                + " dataset_digest"),
        Arguments.of("registered_models",
            "name, description, creation_time, last_updated_time, user_id, tags, aliases"),
        Arguments.of("model_versions",
            "name, version, creation_time, last_updated_time, user_id, current_stage, description,"
                + " source, run_id, status, status_message, run_link, tags, aliases"),
        Arguments.of("logged_models",
            "model_id, experiment_id, name, artifact_uri, status, status_message, model_type,"
                + " source_run_id, creator_id, creation_time, last_updated_time, tags, params,"
                + " metrics"),
        Arguments.of("logged_model_metrics",
            "model_id, experiment_id, run_id, key, value, timestamp, step, dataset_name,"
                + " dataset_digest"),
        Arguments.of("run_inputs",
            "run_id, experiment_id, kind, dataset_name, dataset_digest, source_type, source,"
                + " schema, profile, model_id, tags"),
        Arguments.of("traces",
            "trace_id, experiment_id, request_time, execution_duration_ms, state,"
                + " request_preview, response_preview, client_request_id, tags, metadata,"
                + " run_id, input_tokens, output_tokens, total_tokens"),
        Arguments.of("trace_spans",
            "trace_id, experiment_id, trace_request_time, trace_state, trace_tags, span_id,"
                + " parent_span_id, name, span_type, start_time, end_time, duration_ms, status,"
                + " status_message, inputs, outputs, attributes"),
        Arguments.of("assessments",
            "trace_id, experiment_id, trace_request_time, assessment_id, name, kind, value,"
                + " value_number, value_bool, error_code, error_message, rationale,"
                + " source_type, source_id, create_time, last_update_time, run_id, span_id,"
                + " valid, metadata"),
        Arguments.of("run_artifacts", "run_id, experiment_id, path, is_dir, file_size"));
  }

  @ParameterizedTest(name = "{0} has DESIGN.md''s columns in order")
  @MethodSource("designColumns")
  void everyTableHasTheDesignColumnsInOrder(String table, String columns) {
    assertEquals(Arrays.asList(columns.split(", ")), Tables.get(table).columnNames());
  }

  @Test
  void tablesAreListedInDesignOrder() {
    assertEquals(
        List.of("experiments", "runs", "latest_metrics", "params", "tags", "metrics",
            "registered_models", "model_versions", "logged_models", "logged_model_metrics",
            "run_inputs", "traces", "trace_spans", "assessments", "run_artifacts"),
        Tables.names());
  }

  @ParameterizedTest
  @ValueSource(strings = {"runs", "RUNS", "Runs", " runs "})
  void getIgnoresLetterCase(String name) {
    assertSame(Tables.RUNS, Tables.get(name));
  }

  @Test
  void unknownTableErrorNamesItAndListsTheTables() {
    UnknownTableException e = assertThrows(UnknownTableException.class, () -> Tables.get("run"));
    assertTrue(e.getMessage().contains("'run'"), e.getMessage());
    assertTrue(e.getMessage().contains("experiments, runs, latest_metrics"), e.getMessage());
    assertTrue(e instanceof MlflowTablesException);
  }

  @Test
  void unknownColumnErrorNamesTableAndColumnAndListsColumns() {
    UnknownColumnException e =
        assertThrows(UnknownColumnException.class, () -> Tables.PARAMS.index("val"));
    assertEquals("Table 'params' has no column 'val'. Valid columns: run_id, experiment_id, key,"
        + " value", e.getMessage());
    assertEquals("params", e.table());
    assertEquals("val", e.column());
  }

  @Test
  void indexFindsColumnsInAnyLetterCase() {
    assertEquals(5, Tables.RUNS.index("start_time"));
    assertEquals(5, Tables.RUNS.index("START_TIME"));
  }

  @Test
  void onlyExperimentsRunsParamsTagsMetricsAndRunInputsAreWritable() {
    for (TableDef t : Tables.all()) {
      assertEquals(List.of("experiments", "runs", "params", "tags", "metrics", "run_inputs")
          .contains(t.name()),
          t.writable(), t.name());
    }
  }

  @Test
  void mapAndArrayColumnsHaveTheirTypes() {
    assertEquals(ColumnType.MAP_STRING_DOUBLE, Tables.RUNS.column("metrics").type());
    assertEquals(ColumnType.MAP_STRING_STRING, Tables.RUNS.column("params").type());
    assertEquals(ColumnType.MAP_STRING_STRING, Tables.REGISTERED_MODELS.column("aliases").type());
    assertEquals(ColumnType.ARRAY_STRING, Tables.MODEL_VERSIONS.column("aliases").type());
    assertEquals(ColumnType.LONG, Tables.MODEL_VERSIONS.column("version").type());
    assertEquals(ColumnType.TIMESTAMP, Tables.RUNS.column("end_time").type());
    assertEquals(ColumnType.DOUBLE, Tables.METRICS.column("value").type());
  }

  @Test
  void timesAreTimestampsAndIdsAreStrings() {
    for (TableDef t : Tables.all()) {
      for (Column c : t.columns()) {
        if (c.name().endsWith("_time") || c.name().equals("timestamp")) {
          assertEquals(ColumnType.TIMESTAMP, c.type(), t.name() + "." + c.name());
        }
        if (c.name().endsWith("_id")) {
          assertEquals(ColumnType.STRING, c.type(), t.name() + "." + c.name());
        }
      }
    }
  }

  @Test
  void endpointsAreTheDocumentedOnes() {
    assertEquals(Endpoint.SEARCH_EXPERIMENTS, Tables.EXPERIMENTS.endpoint());
    for (String t : List.of("runs", "latest_metrics", "params", "tags", "metrics", "run_inputs")) {
      assertEquals(Endpoint.SEARCH_RUNS, Tables.get(t).endpoint(), t);
    }
    assertEquals(Endpoint.SEARCH_REGISTERED_MODELS, Tables.REGISTERED_MODELS.endpoint());
    assertEquals(Endpoint.SEARCH_MODEL_VERSIONS, Tables.MODEL_VERSIONS.endpoint());
    assertEquals(Endpoint.SEARCH_LOGGED_MODELS, Tables.LOGGED_MODELS.endpoint());
    assertEquals(Endpoint.SEARCH_LOGGED_MODELS, Tables.LOGGED_MODEL_METRICS.endpoint());
  }

  @Test
  void pushdownMatrixOfDesignIsDeclared() {
    assertTrue(Tables.RUNS.pushdown("run_name").exact().containsAll(List.of(PushdownOp.EQ, PushdownOp.NE)));
    assertTrue(Tables.RUNS.pushdown("run_name").prune()
        .containsAll(List.of(PushdownOp.LIKE, PushdownOp.ILIKE)));
    assertTrue(Tables.RUNS.pushdown("start_time").exact().containsAll(
        List.of(PushdownOp.EQ, PushdownOp.NE, PushdownOp.LT, PushdownOp.LE, PushdownOp.GT,
            PushdownOp.GE)));
    assertTrue(Tables.RUNS.pushdown("experiment_id").exact().contains(PushdownOp.IN));
    assertTrue(Tables.EXPERIMENTS.pushdown("tags").exact().contains(PushdownOp.IS_NULL));
    assertFalse(Tables.RUNS.pushdown("lifecycle_stage").pushes(PushdownOp.EQ));
  }

  @Test
  void sortabilityFollowsTheEndpoints() {
    assertTrue(Tables.RUNS.pushdown("start_time").sort().pushable());
    assertTrue(Tables.RUNS.pushdown("metrics").sort().pushable());
    assertFalse(Tables.EXPERIMENTS.pushdown("experiment_id").sort().pushable());
    assertFalse(Tables.REGISTERED_MODELS.pushdown("creation_time").sort().pushable());
    assertTrue(Tables.MODEL_VERSIONS.pushdown("version").sort().pushable());
    assertFalse(Tables.LOGGED_MODELS.pushdown("metrics").sort().pushable());
  }

  @Test
  void sortRuleChecksDirectionNullsAndCollation() {
    assertTrue(SortRule.ASC_NULLS_LAST.allows(true, false, true, false));
    assertFalse(SortRule.ASC_NULLS_LAST.allows(false, false, true, false));
    assertFalse(SortRule.NULLS_LAST.allows(true, true, true, false));
    assertTrue(SortRule.NULLS_LAST.allows(true, true, false, false));
    assertFalse(SortRule.STRING_NULLS_LAST.allows(true, false, true, false));
    assertTrue(SortRule.STRING_NULLS_LAST.allows(true, false, true, true));
  }

  @Test
  void aPushdownForAnUnknownColumnIsRejected() {
    TableBuilder b = new TableBuilder("t", "", null)
        .reads(Source.RUNS, (r, out) -> { })
        .col("a", ColumnType.STRING, false, "");
    b.pushdown.put("b", ColumnPushdown.NONE);
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void aPushdownOnAColumnThatIsNoFieldOfTheEndpointIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TableBuilder("t", "", null)
            .reads(Source.RUNS, (r, out) -> { })
            .col("a", ColumnType.STRING, false, "", MlflowField.NONE,
                new ColumnPushdown(Set.of(PushdownOp.EQ), Set.of(), SortRule.NONE, ""))
            .build());
    assertEquals("Push-down declared for t.a, which is no field of search-runs", e.getMessage());
  }

  @Test
  void aTableMustSayHowItIsRead() {
    assertThrows(NullPointerException.class,
        () -> new TableBuilder("t", "", null).col("a", ColumnType.STRING, false, "").build());
  }

  @Test
  void everyTableIsReadThroughTheSourceOfItsEndpoint() {
    for (TableDef t : Tables.all()) {
      assertEquals(t.read().source().endpoint(), t.endpoint(), t.name());
      ReadBinding.Shortcut<?> s = t.read().shortcut();
      if (s != null) {
        assertEquals(t.endpoint(), s.source().endpoint(), t.name());
        assertTrue(t.columnNames().containsAll(s.missed().keySet()), t.name());
      }
    }
  }

  @Test
  void oneRowPerEntityIsTheSizeGuessOfTheTablesOfEntities() {
    assertEquals(List.of("experiments", "runs", "registered_models", "model_versions",
        "logged_models", "traces"),
        Tables.all().stream().filter(TableDef::onePerEntity).map(TableDef::name).toList());
  }

  @Test
  void fieldsResolveMapEntriesAndTheSingleKeyOfALongTable() {
    assertEquals(new MlflowField.Fixed("metric", "rmse", MlflowField.Kind.METRIC, false),
        Tables.RUNS.field("metrics").resolve("rmse", null));
    assertEquals(MlflowField.NONE, Tables.REGISTERED_MODELS.field("tags")
        .resolve("mlflow.prompt.is_prompt", null));
    assertEquals(new MlflowField.Fixed("param", "lr", MlflowField.Kind.STRING, true),
        Tables.PARAMS.field("value").resolve(null, "lr"));
    assertEquals(MlflowField.NONE, Tables.PARAMS.field("value").resolve(null, null));
    assertEquals(new MlflowField.Fixed("dataset", "context", MlflowField.Kind.STRING, false),
        Tables.RUN_INPUTS.field("tags").resolve("mlflow.data.context", null));
    assertEquals(MlflowField.NONE, Tables.RUN_INPUTS.field("tags").resolve("other", null));
  }
}
