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
 * Loads metric points from a CSV file into MLflow through Spark, a back-fill that can be re-run:
 * points already on the server (same run, key, timestamp, step and value) are skipped, so a second
 * run adds nothing.
 *
 * <pre>
 * CsvBackfill [TRACKING_URI] FILE.csv
 * </pre>
 *
 * The file has a header line and the columns {@code run_id, key, value, timestamp} and optionally
 * {@code step} (0 when absent), in any order. {@code timestamp} is epoch milliseconds or an
 * ISO-8601 time ({@code 2024-05-01T12:00:00Z}); {@code value} may be {@code NaN} or {@code
 * Infinity}. The runs must exist. Bad rows fail the job with a message naming run, key and rule.
 */
public final class CsvBackfill {
  static final String USAGE = "usage: CsvBackfill [TRACKING_URI] FILE.csv";

  /** What one back-fill did: rows in the file, and metric points of its runs and keys. */
  public record Result(long rows, long pointsBefore, long pointsAfter) {
    public long added() {
      return pointsAfter - pointsBefore;
    }
  }

  private CsvBackfill() {}

  public static void main(String[] args) {
    Args a = Args.parse(args, USAGE, Set.of());
    if (a.positional().size() != 1) {
      throw new IllegalArgumentException("give one CSV file\n" + USAGE);
    }
    SparkSession spark = LocalSpark.session("mlflow-tables CsvBackfill");
    try {
      run(spark, a.uri(), a.positional().get(0), System.out);
    } finally {
      spark.stop();
    }
  }

  public static Result run(SparkSession spark, String uri, String csvFile, PrintStream out) {
    Dataset<Row> raw = spark.read().option("header", "true").option("mode", "FAILFAST")
        .csv(csvFile);
    List<String> columns = Arrays.asList(raw.columns());
    for (String required : List.of("run_id", "key", "value", "timestamp")) {
      if (!columns.contains(required)) {
        throw new IllegalArgumentException(csvFile + " has no column " + required + " (it has "
            + columns + ")\n" + USAGE);
      }
    }
    // The writer takes TIMESTAMP or epoch milliseconds for timestamp, any number for value.
    List<String> select = new ArrayList<>(List.of(
        "run_id",
        "key",
        "CAST(value AS DOUBLE) AS value",
        "CASE WHEN timestamp RLIKE '^[0-9]+$' THEN CAST(timestamp AS BIGINT)"
            + " ELSE unix_millis(to_timestamp(timestamp)) END AS timestamp"));
    if (columns.contains("step")) {
      select.add("CAST(step AS BIGINT) AS step");
    }
    Dataset<Row> points = raw.selectExpr(select.toArray(String[]::new)).cache();
    try {
      long rows = points.count();
      List<String> runIds = distinct(points, "run_id");
      List<String> keys = distinct(points, "key");
      long before = onServer(spark, uri, runIds, keys);

      points.write().format("mlflow").option("uri", uri).mode("append").save("metrics");

      long after = onServer(spark, uri, runIds, keys);
      out.println(csvFile + ": " + rows + " rows for " + runIds.size() + " runs and "
          + keys.size() + " keys " + keys);
      out.println("Metric points of those runs and keys on the server: " + before + " before, "
          + after + " after: " + (after - before) + " added.");
      return new Result(rows, before, after);
    } finally {
      points.unpersist();
    }
  }

  /** Points of the runs and keys on the server: run_id IN and key IN bound what is read. */
  private static long onServer(SparkSession spark, String uri, List<String> runIds,
      List<String> keys) {
    return spark.read().format("mlflow").option("uri", uri).load("metrics")
        .where(col("run_id").isin(runIds.toArray()).and(col("key").isin(keys.toArray())))
        .count();
  }

  private static List<String> distinct(Dataset<Row> df, String column) {
    return df.select(column).distinct().orderBy(column).as(Encoders.STRING()).collectAsList();
  }
}
