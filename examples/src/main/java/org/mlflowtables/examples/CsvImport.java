package org.mlflowtables.examples;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Moves another tracker's export into MLflow through Spark: a runs file and a points file become
 * experiments, runs (with their own times, status, params and tags) and full metric histories.
 * Re-running it changes nothing: experiments are found by name, runs by their key in the export
 * (kept as the run's tag {@code mlflowtables.source_run_id}), points already there are skipped.
 *
 * <pre>
 * CsvImport [TRACKING_URI] RUNS.csv POINTS.csv
 * </pre>
 *
 * RUNS.csv: a header line, then {@code run_key, experiment, run_name, status, start_time,
 * end_time} and any {@code params.NAME} and {@code tags.NAME} columns (MLflow's own export
 * layout); an empty cell means no such param or tag. POINTS.csv: {@code run_key, key, value,
 * timestamp} and optionally {@code step}. Times are epoch milliseconds or ISO-8601.
 */
public final class CsvImport {
  static final String USAGE = "usage: CsvImport [TRACKING_URI] RUNS.csv POINTS.csv";
  private static final String SOURCE_TAG = "mlflowtables.source_run_id";

  /** What one import found on the server afterwards, for its runs. */
  public record Result(long runs, long points) {}

  private CsvImport() {}

  public static void main(String[] args) {
    Args a = Args.parse(args, USAGE, Set.of());
    if (a.positional().size() != 2) {
      throw new IllegalArgumentException("give a runs file and a points file\n" + USAGE);
    }
    SparkSession spark = LocalSpark.session("mlflow-tables CsvImport");
    try {
      run(spark, a.uri(), a.positional().get(0), a.positional().get(1), System.out);
    } finally {
      spark.stop();
    }
  }

  public static Result run(SparkSession spark, String uri, String runsFile, String pointsFile,
      PrintStream out) {
    Dataset<Row> runs = csv(spark, runsFile, List.of("run_key", "experiment", "run_name",
        "status", "start_time", "end_time"));
    Dataset<Row> points = csv(spark, pointsFile, List.of("run_key", "key", "value",
        "timestamp"));

    append(runs.selectExpr("experiment AS name").distinct(), uri, "experiments");
    append(runs.selectExpr("run_key AS run_id", "experiment AS experiment_name", "run_name",
        "status", millis("start_time") + " AS start_time", millis("end_time") + " AS end_time",
        entries(runs, "params.") + " AS params", entries(runs, "tags.") + " AS tags"),
        uri, "runs");

    // The runs' ids on the server, by their key in the export.
    List<String> experiments = distinct(runs, "experiment");
    List<String> experimentIds = distinct(spark.read().format("mlflow").option("uri", uri)
        .load("experiments").where(col("name").isin(experiments.toArray())), "experiment_id");
    Dataset<Row> ids = spark.read().format("mlflow").option("uri", uri).load("runs")
        .where(col("experiment_id").isin(experimentIds.toArray()))
        .selectExpr("tags['" + SOURCE_TAG + "'] AS run_key", "run_id")
        .where("run_key IS NOT NULL");
    List<String> select = new ArrayList<>(List.of("run_id", "key",
        "CAST(value AS DOUBLE) AS value", millis("timestamp") + " AS timestamp"));
    if (Arrays.asList(points.columns()).contains("step")) {
      select.add("CAST(step AS BIGINT) AS step");
    }
    append(points.join(ids, "run_key").selectExpr(select.toArray(String[]::new)), uri,
        "metrics");

    Dataset<Row> landed = spark.read().format("mlflow").option("uri", uri).load("metrics")
        .join(ids, "run_id");
    Result result = new Result(ids.count(), landed.count());
    out.println(runsFile + " and " + pointsFile + ": " + result.runs() + " runs in "
        + experiments.size() + " experiments " + experiments + ", " + result.points()
        + " metric points on the server.");
    return result;
  }

  private static Dataset<Row> csv(SparkSession spark, String file, List<String> required) {
    Dataset<Row> raw = spark.read().option("header", "true").option("mode", "FAILFAST")
        .csv(file);
    List<String> columns = Arrays.asList(raw.columns());
    for (String c : required) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException(file + " has no column " + c + " (it has " + columns
            + ")\n" + USAGE);
      }
    }
    return raw;
  }

  /** A time column as epoch milliseconds: digits as they are, anything else read as ISO-8601. */
  static String millis(String column) {
    return "CASE WHEN `" + column + "` RLIKE '^[0-9]+$' THEN CAST(`" + column + "` AS BIGINT)"
        + " ELSE unix_millis(to_timestamp(`" + column + "`)) END";
  }

  /** The non-empty cells of the columns named PREFIX + key, as a map of key to cell. */
  private static String entries(Dataset<Row> runs, String prefix) {
    List<String> pairs = new ArrayList<>();
    for (String c : runs.columns()) {
      if (c.startsWith(prefix)) {
        pairs.add("'" + c.substring(prefix.length()).replace("'", "\\\\'") + "', `" + c + "`");
      }
    }
    return pairs.isEmpty() ? "CAST(MAP() AS MAP<STRING, STRING>)"
        : "map_filter(map(" + String.join(", ", pairs) + "), (k, v) -> v IS NOT NULL)";
  }

  private static void append(Dataset<Row> df, String uri, String table) {
    df.write().format("mlflow").option("uri", uri).mode("append").save(table);
  }

  private static List<String> distinct(Dataset<Row> df, String column) {
    return df.select(column).distinct().orderBy(column).as(Encoders.STRING()).collectAsList();
  }
}
