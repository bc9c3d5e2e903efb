package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.mlflowtables.core.reliability.BadInput;
import org.mlflowtables.core.reliability.BadInputITBase;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * Bad input through Spark: options, tables, columns, catalog properties, statements and rows that
 * fail with a message naming the culprit; awkward but legal values in filters giving the right
 * rows.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class SparkBadInputIT extends BadInputITBase {
  private static final String CATALOG = "org.mlflowtables.spark.MlflowCatalog";
  private static final AtomicInteger CATALOGS = new AtomicInteger();
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSessions.plain();
  }

  /**
   * A case that must fail, with any throwable (Spark wraps errors in its own), whose messages
   * contain every phrase.
   */
  private static DynamicTest error(String name, Executable action, String... phrases) {
    return error(SparkBadInputIT.class, name, Throwable.class, BadInputITBase::messages, action,
        phrases);
  }

  private static org.apache.spark.sql.DataFrameReader read() {
    return spark.read().format("mlflow").option("uri", server.uri());
  }

  /** A new catalog with these properties (catalogs are created on first use, by name). */
  private static String catalog(String... kv) {
    String name = "relbad" + CATALOGS.incrementAndGet();
    spark.conf().set("spark.sql.catalog." + name, CATALOG);
    for (int i = 0; i < kv.length; i += 2) {
      spark.conf().set("spark.sql.catalog." + name + "." + kv[i], kv[i + 1]);
    }
    return name;
  }

  @TestFactory
  List<DynamicTest> badOptionsTablesColumnsAndCatalogPropertiesAreNamed() {
    String u = server.uri();
    return List.of(
        error("unknown option", () -> read().option("tokn", "x").load("runs").collectAsList(),
            "'tokn'"),
        error("unknown table", () -> read().load("runz").collectAsList(), "'runz'", "runs"),
        error("no table", () -> read().load().collectAsList(), "table"),
        error("unknown column", () -> read().load("runs").select("run_nme").collectAsList(),
            "run_nme"),
        error("URI with another scheme", () -> spark.read().format("mlflow")
            .option("uri", "ftp://host").load("runs").collectAsList(), "'uri'"),
        error("bad maxPartitions", () -> read().option("maxPartitions", "0").load("runs")
            .collectAsList(), "'maxPartitions'"),
        error("bad timeoutSeconds", () -> read().option("timeoutSeconds", "soon").load("runs")
            .collectAsList(), "'timeoutSeconds'"),
        error("two table names", () -> read().option("table", "params").load("runs")
            .collectAsList(), "table"),
        error("unknown catalog property", () -> spark.sql("SELECT * FROM "
            + catalog("uri", u, "tokn", "x") + ".runs").collectAsList(), "'tokn'"),
        error("catalog with a malformed uri", () -> spark.sql("SELECT * FROM "
            + catalog("uri", "localhost:5000") + ".runs").collectAsList(), "'uri'"),
        error("unknown table in the catalog", () -> spark.sql("SELECT * FROM "
            + catalog("uri", u) + ".runz").collectAsList(), "runz"),
        error("DELETE through the catalog", () -> spark.sql("DELETE FROM "
            + catalog("uri", u) + ".params WHERE key = 'x'").collectAsList(), "params"),
        error("UPDATE through the catalog", () -> spark.sql("UPDATE "
            + catalog("uri", u) + ".runs SET run_name = 'x'").collectAsList(), "runs"));
  }

  @TestFactory
  List<DynamicTest> refusedCredentialsAreNamed() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Fault f : List.of(Fault.HTTP_401, Fault.HTTP_403)) {
      tests.add(dynamicTest(f.name(), () -> proxy.runUnder(FaultPlan.always(f), () -> {
        error(f.name(), () -> spark.read().format("mlflow").option("uri", proxy.uri())
            .option("token", "wrong").load("runs").collectAsList(),
            f == Fault.HTTP_401 ? "HTTP 401" : "HTTP 403").getExecutable().execute();
        // Not retried by the client; Spark may try a failed task once more.
        assertTrue(proxy.requests() <= 2, "requests: " + proxy.requests());
      })));
    }
    return tests;
  }

  private static final StructType METRIC = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_id", DataTypes.StringType, true),
      DataTypes.createStructField("key", DataTypes.StringType, true),
      DataTypes.createStructField("value", DataTypes.DoubleType, true),
      DataTypes.createStructField("timestamp", DataTypes.TimestampType, true),
      DataTypes.createStructField("step", DataTypes.LongType, true)));
  private static final StructType ENTRY = DataTypes.createStructType(List.of(
      DataTypes.createStructField("run_id", DataTypes.StringType, true),
      DataTypes.createStructField("key", DataTypes.StringType, true),
      DataTypes.createStructField("value", DataTypes.StringType, true)));

  private static void write(StructType schema, String table, Object... values) {
    spark.createDataFrame(List.of(RowFactory.create(values)), schema).write().format("mlflow")
        .option("uri", server.uri()).mode("append").save(table);
  }

  @TestFactory
  List<DynamicTest> badRowsNameRunAndKey() {
    Timestamp ts = new Timestamp(1_700_000_000_000L);
    String r = runId;
    return List.of(
        error("metric key with a quote", () -> write(METRIC, "metrics", r, "it's", 1.0, ts, 0L),
            r, "it\\'s"),
        error("metric key with a backtick",
            () -> write(METRIC, "metrics", r, "a`b", 1.0, ts, 0L), r, "a`b"),
        error("tag key with a newline", () -> write(ENTRY, "tags", r, "a\nb", "v"), r, "a\\nb"),
        error("tag value over 1 MB", () -> write(ENTRY, "tags", r, "big", "x".repeat(1_100_000)),
            r, "'big'"),
        error("null run_id", () -> write(ENTRY, "tags", null, "t", "v"), "run_id"),
        error("null metric value", () -> write(METRIC, "metrics", r, "m", null, ts, 0L), r,
            "'m'"),
        error("a column the table lacks", () -> spark.createDataFrame(List.of(RowFactory.create(
            r, "t", "v")), DataTypes.createStructType(List.of(
            DataTypes.createStructField("run_id", DataTypes.StringType, true),
            DataTypes.createStructField("key", DataTypes.StringType, true),
            DataTypes.createStructField("colour", DataTypes.StringType, true)))).write()
            .format("mlflow").option("uri", server.uri()).mode("append").save("tags"),
            "colour"),
        error("overwrite", () -> spark.createDataFrame(List.of(RowFactory.create(r, "t", "v")),
            ENTRY).write().format("mlflow").option("uri", server.uri()).mode("overwrite")
            .save("tags"), "verwrite"),
        error("a run that does not exist", () -> write(ENTRY, "tags",
            "0123456789abcdef0123456789abcdef", "t", "v"), "0123456789abcdef0123456789abcdef"),
        dynamicTest("NaN and infinity are legal values", () -> {
          write(METRIC, "metrics", r, "nan", Double.NaN, ts, 0L);
          write(METRIC, "metrics", r, "inf", Double.POSITIVE_INFINITY, ts, 0L);
          List<String> got = Canon.rows(read().load("latest_metrics")
              .where("run_id = '" + r + "' AND key IN ('nan', 'inf')").select("key", "value"));
          assertEquals(List.of("['inf' | d" + Double.MAX_VALUE + "]", "['nan' | dNaN]"), got);
          BadInput.count(SparkBadInputIT.class);
        }));
  }

  @TestFactory
  List<DynamicTest> awkwardValuesInFiltersGiveTheRightRows() {
    List<DynamicTest> tests = new ArrayList<>();
    String fx = fixtureExperimentsSql();
    for (String v : oracle.paramValues("comment")) {
      tests.add(dynamicTest("params['comment'] = " + v.replace("\n", "\\n"), () -> {
        List<String> want = oracle.runs().stream()
            .filter(run -> v.equals(run.params().get("comment")))
            .map(run -> "['" + run.runId() + "']").sorted().toList();
        Dataset<Row> runs = read().option("viewType", "ALL").load("runs")
            .where("experiment_id IN " + fx)
            .where(functions.col("params").getItem("comment").equalTo(functions.lit(v)))
            .select("run_id");
        assertEquals(want, Canon.rows(runs));
        Dataset<Row> params = read().option("viewType", "ALL").load("params")
            .where("experiment_id IN " + fx).where(functions.col("key").equalTo("comment"))
            .where(functions.col("value").equalTo(functions.lit(v))).select("run_id");
        assertEquals(want, Canon.rows(params));
        BadInput.count(SparkBadInputIT.class);
      }));
    }
    for (String key : List.of("dropout rate", "über_param", "sched:gamma", "it's", "a`b")) {
      tests.add(dynamicTest("params['" + key + "'] is not null", () -> {
        List<String> want = oracle.runs().stream().filter(run -> run.params().get(key) != null)
            .map(run -> "['" + run.runId() + "']").sorted().toList();
        Dataset<Row> runs = read().option("viewType", "ALL").load("runs")
            .where("experiment_id IN " + fx)
            .where(functions.col("params").getItem(key).isNotNull()).select("run_id");
        assertEquals(want, Canon.rows(runs));
        BadInput.count(SparkBadInputIT.class);
      }));
    }
    String tagValue = oracle.runs().stream().map(run -> run.tags().get("非拉丁"))
        .filter(Objects::nonNull).findFirst().orElseThrow();
    tests.add(dynamicTest("a non-Latin tag key in SQL", () -> {
      List<String> want = oracle.runs().stream()
          .filter(run -> tagValue.equals(run.tags().get("非拉丁")))
          .map(run -> "['" + run.runId() + "']").sorted().toList();
      String cat = catalog("uri", server.uri(), "viewType", "ALL");
      assertEquals(want, Canon.rows(spark.sql("SELECT run_id FROM " + cat + ".runs WHERE "
          + "experiment_id IN " + fx + " AND tags['非拉丁'] = '" + tagValue + "'")));
      BadInput.count(SparkBadInputIT.class);
    }));
    return tests;
  }
}
