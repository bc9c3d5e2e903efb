package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.RetryPolicy;
import org.mlflowtables.core.client.model.SearchRunsRequest;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.exceptions.UnknownColumnException;
import org.mlflowtables.core.exceptions.UnknownTableException;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.write.InvalidRowException;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.LogRow;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.ParamConflictException;
import org.mlflowtables.core.write.ParamRow;
import org.mlflowtables.core.write.TagRow;
import org.mlflowtables.core.write.UnknownRunException;

/**
 * Bad input at core's level, each case asserting an error that names the culprit (setting, table,
 * column, run and key, HTTP status and MLflow error code), and legal-but-awkward input (quotes,
 * backticks, newlines, Unicode, LIKE wildcards in keys and values; NaN and infinities) giving the
 * right rows rather than errors.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class CoreBadInputIT extends BadInputITBase {
  private static MlflowClient direct;
  private static Predicate inFixture;

  @BeforeAll
  static void setUp() {
    direct = MlflowClient.create(MlflowConfig.from(Map.of("uri", server.uri(), "viewType", "ALL"),
        Map.of()), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(100)));
    inFixture = inFixture();
  }

  /** A case that must fail with {@code type} and a message containing every phrase. */
  private static DynamicTest error(String name, Class<? extends Throwable> type, Executable run,
      String... phrases) {
    return error(CoreBadInputIT.class, name, type, Throwable::getMessage, run, phrases);
  }

  private static MlflowConfig config(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return MlflowConfig.from(m, Map.of());
  }

  // ---- settings ------------------------------------------------------------------------------

  @TestFactory
  List<DynamicTest> badSettingsNameTheSetting() {
    String uri = "http://127.0.0.1:5000";
    return List.of(
        error("unknown setting", ConfigException.class, () -> config("uri", uri, "tokn", "x"),
            "Unknown setting 'tokn'", "token"),
        error("unknown setting with a typo in case", ConfigException.class,
            () -> config("uri", uri, "maxRetry", "3"), "'maxRetry'"),
        error("uri with another scheme", ConfigException.class, () -> config("uri", "ftp://h/x"),
            "'uri'", "http://"),
        error("uri without scheme", ConfigException.class, () -> config("uri", "localhost:5000"),
            "'uri'"),
        error("uri without host", ConfigException.class, () -> config("uri", "http://"), "'uri'"),
        error("uri with a space", ConfigException.class,
            () -> config("uri", "http://exa mple.com"), "'uri'"),
        error("uri missing", ConfigException.class, () -> config("pageSize", "10"),
            "'uri' is required", "MLFLOW_TRACKING_URI"),
        error("uri databricks without host", ConfigException.class,
            () -> config("uri", "databricks"), "DATABRICKS_HOST"),
        error("negative maxRetries", ConfigException.class,
            () -> config("uri", uri, "maxRetries", "-1"), "'maxRetries'", "-1"),
        error("maxRetries not a number", ConfigException.class,
            () -> config("uri", uri, "maxRetries", "many"), "'maxRetries'", "many"),
        error("zero timeoutSeconds", ConfigException.class,
            () -> config("uri", uri, "timeoutSeconds", "0"), "'timeoutSeconds'"),
        error("zero pageSize", ConfigException.class, () -> config("uri", uri, "pageSize", "0"),
            "'pageSize'"),
        error("unknown viewType", ConfigException.class,
            () -> config("uri", uri, "viewType", "EVERYTHING"), "'viewType'", "EVERYTHING",
            "ACTIVE_ONLY"),
        error("insecureTls not a boolean", ConfigException.class,
            () -> config("uri", uri, "insecureTls", "maybe"), "'insecureTls'", "maybe"),
        error("user without password", ConfigException.class,
            () -> config("uri", uri, "user", "alice"), "'user'", "'password'"),
        error("maxInFlight too large", ConfigException.class,
            () -> config("uri", uri, "maxInFlight", "1000"), "'maxInFlight'", "256"),
        error("deduplicate not a boolean", ConfigException.class,
            () -> config("uri", uri, "deduplicate", "perhaps"), "'deduplicate'"));
  }

  // ---- tables, columns, predicates -----------------------------------------------------------

  private static MlflowConfig directConfig() {
    return config("uri", server.uri(), "viewType", "ALL");
  }

  private static void plan(String table, List<Predicate> filters, List<SortKey> order) {
    ScanPlanner.plan(directConfig(), new ScanRequest(table, filters, order, null));
  }

  @TestFactory
  List<DynamicTest> badTablesColumnsAndPredicatesNameThem() {
    return List.of(
        error("unknown table", UnknownTableException.class,
            () -> plan("runz", List.of(), List.of()), "'runz'", "Valid tables", "runs"),
        error("unknown column in a filter", UnknownColumnException.class,
            () -> plan("runs", List.of(new Comparison(new ColumnRef("run_nme"), CompareOp.EQ,
                new Literal("x"))), List.of()), "'run_nme'", "runs", "run_name"),
        error("unknown column in ORDER BY with LIMIT", MlflowTablesException.class,
            () -> ScanPlanner.plan(directConfig(), new ScanRequest("runs", List.of(),
                List.of(SortKey.asc(new ColumnRef("strat_time"))), 5L)), "strat_time"),
        // without a LIMIT too (the sort keys were once only looked at when a LIMIT could be pushed)
        error("unknown column in ORDER BY without LIMIT", MlflowTablesException.class,
            () -> plan("runs", List.of(), List.of(SortKey.asc(new ColumnRef("strat_time")))),
            "strat_time"),
        error("map entry of a column that is not a map", MlflowTablesException.class,
            () -> plan("runs", List.of(new Comparison(new MapEntryRef("run_name", "k"),
                CompareOp.EQ, new Literal("x"))), List.of()), "run_name"),
        error("string compared with a timestamp column", MlflowTablesException.class,
            () -> plan("runs", List.of(new Comparison(new ColumnRef("start_time"), CompareOp.GT,
                new Literal("yesterday"))), List.of()), "start_time"),
        error("LIKE on a number", MlflowTablesException.class,
            () -> plan("metrics", List.of(new Like(new ColumnRef("value"), "1%", false)),
                List.of()), "value"),
        error("malformed LIKE pattern", MlflowTablesException.class,
            () -> plan("runs", List.of(new Like(new ColumnRef("run_name"), "abc!", false, '!')),
                List.of()), "run_name"));
  }

  // ---- the server says no --------------------------------------------------------------------

  private static MlflowClient throughProxy() {
    return MlflowClient.create(config("uri", proxy.uri(), "token", "bad-token"),
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100)));
  }

  private static void scanRuns(MlflowClient client) {
    try (RowIterator it = ScanPlanner.plan(client.config(),
        new ScanRequest("runs", List.of(inFixture), List.of(), null)).openAll(client)) {
      it.forEachRemaining(r -> { });
    }
  }

  @TestFactory
  List<DynamicTest> theServerRefusingSaysWhyOnce() {
    return List.of(
        dynamicTest("401 from a proxy is not retried", () -> proxy.runUnder(
            FaultPlan.always(Fault.HTTP_401), () -> {
              error("401", MlflowApiException.class, () -> scanRuns(throughProxy()), "HTTP 401",
                  "UNAUTHENTICATED", "/api/2.0/mlflow/runs/search", "Credentials")
                  .getExecutable().execute();
              assertEquals(1, proxy.requests(), "no retry of a 401");
            })),
        dynamicTest("403 from a proxy is not retried", () -> proxy.runUnder(
            FaultPlan.always(Fault.HTTP_403), () -> {
              error("403", MlflowApiException.class, () -> scanRuns(throughProxy()), "HTTP 403",
                  "PERMISSION_DENIED", "/api/2.0/mlflow/runs/search").getExecutable().execute();
              assertEquals(1, proxy.requests(), "no retry of a 403");
            })),
        error("a page token the server rejects", MlflowApiException.class,
            () -> direct.searchRuns(new SearchRunsRequest(List.of("0"), null, ViewType.ALL, 10,
                List.of(), "bm9wZQ==")), "HTTP 400", "INVALID_PARAMETER_VALUE", "page token"),
        error("an experiment that does not exist", MlflowApiException.class,
            () -> direct.getExperiment("987654321"), "RESOURCE_DOES_NOT_EXIST",
            "/api/2.0/mlflow/experiments/get"),
        error("nobody listening", MlflowApiException.class,
            () -> MlflowClient.create(config("uri", "http://127.0.0.1:9"),
                new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10)))
                .getExperiment("0"), "no answer from /api/2.0/mlflow/experiments/get",
            "connection failed", "gave up after 2 attempts"));
  }

  // ---- writes --------------------------------------------------------------------------------

  private static void add(LogRow row) {
    try (LogBatchWriter w = LogBatchWriter.create(direct)) {
      w.add(row);
      w.flush();
    }
  }

  private static DynamicTest badRow(String name, LogRow row, String rule) {
    return dynamicTest(name, () -> {
      InvalidRowException e;
      try {
        add(row);
        fail(name + ": no error for " + row);
        return;
      } catch (InvalidRowException x) {
        e = x;
      }
      assertEquals(rule, e.rule(), e.getMessage());
      assertEquals(row.runId(), e.runId());
      assertEquals(row.key(), e.key());
      String m = e.getMessage();
      assertTrue(m.contains("run " + (row.runId() == null ? "null" : "'" + row.runId() + "'")),
          "names the run: " + m);
      assertTrue(m.contains("key "), "names the key: " + m);
      assertTrue(m.length() < 2_000, "a readable message, not the value: " + m.length());
      System.out.println("[bad input] " + name + " -> " + m);
      BadInput.count(CoreBadInputIT.class);
    });
  }

  @TestFactory
  List<DynamicTest> badRowsNameRunKeyAndRule() {
    String r = runId;
    long ts = 1_700_000_000_000L;
    String longKey = "k".repeat(251);
    return List.of(
        badRow("metric key with a single quote", MetricRow.of(r, "it's", 1, ts, 0),
            "KEY_CHARACTERS"),
        badRow("metric key with a double quote", MetricRow.of(r, "say \"hi\"", 1, ts, 0),
            "KEY_CHARACTERS"),
        badRow("metric key with a backtick", MetricRow.of(r, "back`tick", 1, ts, 0),
            "KEY_CHARACTERS"),
        badRow("metric key with a newline inside", MetricRow.of(r, "line1\nline2", 1, ts, 0),
            "KEY_CHARACTERS"),
        badRow("param key with a backslash", new ParamRow(r, "back\\slash", "v"),
            "KEY_CHARACTERS"),
        badRow("tag key with a comma and equals", new TagRow(r, "a,b=c", "v"), "KEY_CHARACTERS"),
        badRow("key that is not a clean path", MetricRow.of(r, "a//b", 1, ts, 0), "KEY_PATH"),
        badRow("key leaving its folder", new ParamRow(r, "../up", "v"), "KEY_PATH"),
        badRow("key of 251 characters", MetricRow.of(r, longKey, 1, ts, 0),
            "MAX_ENTITY_KEY_LENGTH"),
        badRow("param value of 6001 characters", new ParamRow(r, "p", "v".repeat(6_001)),
            "MAX_PARAM_VAL_LENGTH"),
        badRow("tag value of 8001 characters", new TagRow(r, "t", "v".repeat(8_001)),
            "MAX_TAG_VAL_LENGTH"),
        badRow("tag row over 1 MB", new TagRow(r, "big", "x".repeat(1_100_000)),
            "MAX_TAG_VAL_LENGTH"),
        badRow("null run_id", MetricRow.of(null, "loss", 1, ts, 0), "REQUIRED"),
        badRow("null key", new ParamRow(r, null, "v"), "REQUIRED"),
        badRow("null metric value", new MetricRow(r, "loss", null, ts, 0L, null, null, null),
            "REQUIRED"),
        badRow("null timestamp", new MetricRow(r, "loss", 1.0, null, 0L, null, null, null),
            "REQUIRED"),
        badRow("negative timestamp", MetricRow.of(r, "loss", 1, -5, 0), "TIMESTAMP"),
        badRow("null param value", new ParamRow(r, "p", null), "REQUIRED"),
        badRow("unpaired surrogate in a key", new TagRow(r, "bad\uD800key", "v"), "UNICODE"),
        badRow("dataset without a logged model",
            new MetricRow(r, "loss", 1.0, ts, 0L, null, "train", "abc"), "LINEAGE"),
        badRow("run id with a slash", MetricRow.of("../" + r, "loss", 1, ts, 0), "RUN_ID"),
        error("a run that does not exist", UnknownRunException.class,
            () -> add(MetricRow.of("0123456789abcdef0123456789abcdef", "loss", 1, ts, 0)),
            "0123456789abcdef0123456789abcdef"),
        dynamicTest("changing a param names run and key", () -> {
          add(new ParamRow(r, "fixed", "one"));
          error("changing a param", ParamConflictException.class,
              () -> add(new ParamRow(r, "fixed", "two")), r, "fixed").getExecutable().execute();
        }));
  }

  // ---- awkward but legal: right rows, no error -----------------------------------------------

  /**
   * The run ids a scan gives, with the residual filters applied as an engine would (core hands
   * MLflow what it evaluates exactly and returns the rest as residual conjuncts).
   */
  private static List<String> runIds(List<Predicate> filters) {
    MlflowClient c = MlflowClient.create(directConfig());
    List<String> ids = new ArrayList<>();
    ScanPlan plan = ScanPlanner.plan(c.config(), new ScanRequest("runs", filters, List.of(),
        null));
    try (RowIterator it = plan.openAll(c)) {
      it.forEachRemaining(row -> {
        if (PredicateEvaluator.testAll(plan.residualFilters(),
            PredicateEvaluator.rowOf(plan.table(), row))) {
          ids.add((String) row[0]);
        }
      });
    }
    Collections.sort(ids);
    return ids;
  }

  private static List<String> expectedIds(java.util.function.Predicate<Oracle.Run> keep) {
    return oracle.runs().stream().filter(keep).map(Oracle.Run::runId).sorted().toList();
  }

  private static DynamicTest rows(String name, Predicate filter,
      java.util.function.Predicate<Oracle.Run> expected) {
    return dynamicTest(name, () -> {
      List<String> want = expectedIds(expected);
      List<String> got = runIds(List.of(inFixture, filter));
      assertEquals(want, got, name + ": " + filter.sql());
      Figures.add(CoreBadInputIT.class, "badInputs", "awkwardFilterRowsCompared",
          oracle.runs().size());
      BadInput.count(CoreBadInputIT.class);
    });
  }

  @TestFactory
  List<DynamicTest> awkwardKeysAndValuesInFiltersGiveTheRightRows() {
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> comments = oracle.paramValues("comment");
    Set<String> freeTexts = oracle.tagValues("free text");
    assertTrue(comments.size() >= 8, "the fixture has awkward values: " + comments);
    for (String v : comments) {
      tests.add(rows("params['comment'] = " + show(v),
          new Comparison(new MapEntryRef("params", "comment"), CompareOp.EQ, new Literal(v)),
          run -> v.equals(run.params().get("comment"))));
    }
    for (String v : freeTexts) {
      tests.add(rows("tags['free text'] = " + show(v),
          new Comparison(new MapEntryRef("tags", "free text"), CompareOp.EQ, new Literal(v)),
          run -> v.equals(run.tags().get("free text"))));
    }
    tests.add(rows("LIKE with a quote: params['comment'] LIKE 'it''s%'",
        new Like(new MapEntryRef("params", "comment"), "it's%", false),
        run -> run.params().getOrDefault("comment", "").startsWith("it's")));
    tests.add(rows("LIKE with an escaped wildcard: '%!%%'",
        new Like(new MapEntryRef("params", "comment"), "%!%%", false, '!'),
        run -> run.params().getOrDefault("comment", "").contains("%")));
    tests.add(rows("value with a backtick (none has one)",
        new Comparison(new MapEntryRef("params", "comment"), CompareOp.EQ, new Literal("a`b")),
        run -> false));
    tests.add(rows("!= with a newline value",
        new Comparison(new MapEntryRef("params", "comment"), CompareOp.NE,
            new Literal("line1\nline2")),
        run -> run.params().get("comment") != null
            && !run.params().get("comment").equals("line1\nline2")));
    for (String key : List.of("dropout rate", "sched:gamma", "layers/hidden", "über_param",
        "model.depth", "data-path")) {
      String value = oracle.runs().stream().map(r -> r.params().get(key)).filter(
          Objects::nonNull).findFirst().orElseThrow();
      tests.add(rows("params['" + key + "'] = " + show(value),
          new Comparison(new MapEntryRef("params", key), CompareOp.EQ, new Literal(value)),
          run -> value.equals(run.params().get(key))));
    }
    String tagValue = oracle.runs().stream().map(r -> r.tags().get("非拉丁"))
        .filter(Objects::nonNull).findFirst().orElseThrow();
    tests.add(rows("tags['非拉丁'] (a non-Latin key)",
        new Comparison(new MapEntryRef("tags", "非拉丁"), CompareOp.EQ, new Literal(tagValue)),
        run -> tagValue.equals(run.tags().get("非拉丁"))));
    tests.add(rows("metrics['準確度'] > 0 (a non-Latin metric key)",
        new Comparison(new MapEntryRef("metrics", "準確度"), CompareOp.GT, new Literal(0.0)),
        run -> run.metrics().get("準確度") != null && run.metrics().get("準確度") > 0));
    tests.add(rows("metrics['per class/cat'] >= 0",
        new Comparison(new MapEntryRef("metrics", "per class/cat"), CompareOp.GE,
            new Literal(0.0)),
        run -> run.metrics().get("per class/cat") != null
            && run.metrics().get("per class/cat") >= 0));
    // Keys MLflow refuses to store: a filter on them has no row to find, and must not fail.
    for (String key : List.of("it's", "back`tick", "say \"hi\"", "new\nline", "a\\b")) {
      tests.add(rows("params['" + show(key) + "'] (a key MLflow forbids)",
          new Comparison(new MapEntryRef("params", key), CompareOp.EQ, new Literal("x")),
          run -> false));
    }
    return tests;
  }

  private static String show(String s) {
    return s.replace("\n", "\\n").replace("\t", "\\t");
  }

  @TestFactory
  List<DynamicTest> awkwardValuesAreWrittenAndReadBackExactly() {
    return List.of(dynamicTest("NaN, infinities, -0.0 and awkward strings round-trip", () -> {
      ScratchRun scratch = ScratchRun.create(direct, "rel-awkward-", "awkward");
      String experiment = scratch.experimentId();
      String run = scratch.runId();
      long ts = 1_700_000_000_000L;
      List<String> values = List.of("it's", "back`tick", "say \"hi\"", "line1\nline2",
          "tab\there", "日本語 🚀", "50%_off", "back\\slash", "");
      try (LogBatchWriter w = LogBatchWriter.create(direct)) {
        w.add(MetricRow.of(run, "nan", Double.NaN, ts, 0));
        w.add(MetricRow.of(run, "pinf", Double.POSITIVE_INFINITY, ts, 0));
        w.add(MetricRow.of(run, "ninf", Double.NEGATIVE_INFINITY, ts, 0));
        w.add(MetricRow.of(run, "negzero", -0.0, ts, 0));
        for (int i = 0; i < values.size(); i++) {
          w.add(new ParamRow(run, "p" + i, values.get(i)));
          w.add(new TagRow(run, "t" + i, values.get(i)));
        }
        w.flush();
      }
      MlflowClient c = MlflowClient.create(directConfig());
      Map<String, Double> metrics = new HashMap<>();
      Map<String, String> params = new HashMap<>();
      try (RowIterator it = ScanPlanner.plan(c.config(), new ScanRequest("runs",
          List.of(new Comparison(new ColumnRef("run_id"), CompareOp.EQ, new Literal(run))),
          List.of(), null)).openAll(c)) {
        Object[] row = it.next();
        @SuppressWarnings("unchecked")
        Map<String, Double> m = (Map<String, Double>) row[9];
        @SuppressWarnings("unchecked")
        Map<String, String> p = (Map<String, String>) row[10];
        metrics.putAll(m);
        params.putAll(p);
      }
      assertTrue(Double.isNaN(metrics.get("nan")));
      assertEquals(Double.MAX_VALUE, metrics.get("pinf")); // MLflow's SQL store keeps it so
      assertEquals(-Double.MAX_VALUE, metrics.get("ninf"));
      assertEquals(0.0, Math.abs(metrics.get("negzero")));
      for (int i = 0; i < values.size(); i++) {
        assertEquals(values.get(i), params.get("p" + i), "param p" + i);
      }
      // And a filter on each awkward value finds exactly this run.
      for (int i = 0; i < values.size(); i++) {
        List<String> ids = runIds(List.of(new Comparison(new ColumnRef("experiment_id"),
            CompareOp.EQ, new Literal(experiment)), new Comparison(new MapEntryRef("tags",
            "t" + i), CompareOp.EQ, new Literal(values.get(i)))));
        assertEquals(List.of(run), ids, "tags['t" + i + "'] = " + show(values.get(i)));
      }
      Figures.add(CoreBadInputIT.class, "badInputs", "awkwardValuesRoundTripped",
          4 + values.size());
      BadInput.count(CoreBadInputIT.class);
    }));
  }
}
