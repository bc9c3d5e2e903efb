package org.mlflowtables.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/** The back-fill's raw HTTP and JDBC cases (core's and Spark's are in Bench and SparkCases). */
final class BackfillCases {
  private BackfillCases() {}

  /**
   * The well-shaped raw client: log-batch with 1 000 metrics a request (MLflow's maximum), one
   * task per (run, key), {@code inFlight} requests at once over one HTTP/1.1 client. Nothing is
   * checked or de-duplicated: the ceiling a writer is measured against.
   */
  static void raw(String uri, List<String> runIds, String prefix, int keys, int steps,
      int inFlight) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI logBatch = URI.create(uri + "/api/2.0/mlflow/runs/log-batch");
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int r = 0; r < runIds.size(); r++) {
        for (int k = 0; k < keys; k++) {
          int run = r;
          int key = k;
          tasks.add(pool.submit(() -> {
            for (int from = 0; from < steps; from += 1000) {
              String body = body(runIds.get(run), prefix + "b" + key, run, key, from,
                  Math.min(steps, from + 1000));
              logBatch(http, logBatch, body);
            }
            return null;
          }));
        }
      }
      for (Future<?> t : tasks) {
        t.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * One log-batch, sent again after a 429 or 503 as the connector and MLflow's own client do (a
   * one-worker SQLite server answers 503 "database is locked" under load), with backoff 0.5 s
   * doubling up to 8 s, at most 7 retries; any other answer than 200 fails the case.
   */
  private static void logBatch(HttpClient http, URI logBatch, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(logBatch)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      if (status == 200) {
        return;
      }
      if ((status != 429 && status != 503) || attempt == 7) {
        throw new IllegalStateException("log-batch: " + status + " " + answer.body());
      }
      System.err.println("raw log-batch: " + status + ", retry " + (attempt + 1));
      Thread.sleep(Math.min(8_000L, 500L << attempt));
    }
  }

  private static String body(String runId, String key, int r, int k, int from, int to) {
    StringBuilder b = new StringBuilder(80 * (to - from) + 64)
        .append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
    for (int s = from; s < to; s++) {
      if (s > from) {
        b.append(',');
      }
      b.append("{\"key\":\"").append(key).append("\",\"value\":").append(Bench.value(r, k, s))
          .append(",\"timestamp\":").append(Bench.BASE_START_MS + s).append(",\"step\":")
          .append(s).append('}');
    }
    return b.append("]}").toString();
  }

  /** Loads and plans the JDBC INSERT once (not timed: Calcite's first planning takes seconds). */
  static void warmJdbc(String uri) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri, new Properties())) {
      c.prepareStatement(INSERT).close();
    }
  }

  private static final String INSERT =
      "INSERT INTO metrics (run_id, key, value, \"timestamp\", step) VALUES (?, ?, ?, ?, ?)";

  /**
   * JDBC: one PreparedStatement INSERT per point, {@code addBatch()}, {@code executeBatch()}
   * every {@code batchRows} rows; the rows run by run (the order an export of metrics has).
   * Returns the rows the driver reported.
   */
  static long jdbc(String uri, List<String> runIds, String prefix, int keys, int steps,
      int inFlight, boolean dedup, int batchRows) throws Exception {
    Properties p = new Properties();
    p.setProperty("timeoutSeconds", Bench.TIMEOUT);
    p.setProperty("maxInFlight", Integer.toString(inFlight));
    p.setProperty("deduplicate", Boolean.toString(dedup));
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    long counted = 0;
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri, p);
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      long pending = 0;
      for (int r = 0; r < runIds.size(); r++) {
        for (int k = 0; k < keys; k++) {
          for (int s = 0; s < steps; s++) {
            ps.setString(1, runIds.get(r));
            ps.setString(2, prefix + "b" + k);
            ps.setDouble(3, Bench.value(r, k, s));
            ps.setTimestamp(4, new Timestamp(Bench.BASE_START_MS + s), utc);
            ps.setLong(5, s);
            ps.addBatch();
            if (++pending % batchRows == 0) {
              counted += IntStream.of(ps.executeBatch()).sum();
            }
          }
        }
      }
      if (pending % batchRows != 0) {
        counted += IntStream.of(ps.executeBatch()).sum();
      }
    }
    return counted;
  }
}
