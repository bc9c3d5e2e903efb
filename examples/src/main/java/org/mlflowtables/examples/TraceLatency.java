package org.mlflowtables.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Latency of an LLM application from its MLflow 3 traces, in Spark SQL: the 95th percentile of
 * span durations per day and span type, over the traces of some experiments since a day. The
 * experiment ids and the time range reach search-traces, so only the selected traces' spans are
 * downloaded.
 *
 * <pre>
 * TraceLatency [TRACKING_URI] [--experiments LIKE_PATTERN] [--since YYYY-MM-DD]
 * </pre>
 *
 * The URI defaults to {@code MLFLOW_TRACKING_URI}; the pattern to every experiment ({@code %}),
 * the day to 1970-01-01 (all traces). Days are UTC days of the trace's request time.
 */
public final class TraceLatency {
  static final String USAGE = "usage: TraceLatency [TRACKING_URI] [--experiments LIKE_PATTERN]"
      + " [--since YYYY-MM-DD]";

  /** p95, median and count of span durations per day and span type; %s: ids, then the day. */
  static final String LATENCY_SQL = """
      SELECT to_date(trace_request_time) AS day, span_type,
             COUNT(*) AS spans,
             ROUND(percentile(duration_ms, 0.5), 3) AS p50_ms,
             ROUND(percentile(duration_ms, 0.95), 3) AS p95_ms
      FROM trace_spans
      WHERE experiment_id IN (%s) AND trace_request_time >= TIMESTAMP '%s 00:00:00'
      GROUP BY to_date(trace_request_time), span_type
      ORDER BY day, span_type""";

  private TraceLatency() {}

  public static void main(String[] args) {
    Args a = Args.parse(args, USAGE, Set.of("experiments", "since"));
    SparkSession spark = LocalSpark.session("mlflow-tables TraceLatency");
    try {
      run(spark, a.uri(), a.option("experiments", "%"), a.option("since", "1970-01-01"),
          System.out);
    } finally {
      spark.stop();
    }
  }

  /**
   * Prints the latency per day and span type.
   *
   * @return the rows printed: day, span type, spans, p50 and p95 in milliseconds
   */
  public static List<Row> run(SparkSession spark, String uri, String experimentPattern,
      String since, PrintStream out) {
    if (!since.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("--since is a day, YYYY-MM-DD, not " + since);
    }
    // Tables read as DataFrames of this URI (a session's catalog keeps the URI it was first
    // used with), then queried in SQL as views; filters reach MLflow the same way.
    DataFrameReader mlflow = spark.read().format("mlflow").option("uri", uri);
    mlflow.load("trace_spans").createOrReplaceTempView("trace_spans");

    // The experiments first, so that their ids (not a join) reach search-traces as its locations.
    Dataset<Row> experiments = mlflow.load("experiments")
        .where(functions.col("name").like(experimentPattern)).select("experiment_id");
    List<String> ids = experiments.as(Encoders.STRING()).collectAsList();
    if (ids.isEmpty()) {
      out.println("No experiment's name is like '" + experimentPattern + "'.");
      return List.of();
    }
    String idList = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    Dataset<Row> latency = spark.sql(LATENCY_SQL.formatted(idList, since));
    out.println("Spans are read with: " + String.join("; ", SparkShow.mlflowScans(latency)));
    return SparkShow.show(out, "Span latency per day and span type (traces since " + since
        + ", experiments like '" + experimentPattern + "')", latency, 1_000);
  }
}
