package org.mlflowtables.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.write.LogBatchWriter;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.WriteResult;

/**
 * The JVM side of the benchmarks: mlflow-tables through core, JDBC and Spark, MLflow's Java client
 * and a raw HTTP loop. Each case prints one JSON line (see {@link Result}).
 *
 * <pre>
 * java -cp ... org.mlflowtables.bench.Bench scan       URI SERVER_DIR REPS CLIENT[,CLIENT...]
 * java -cp ... org.mlflowtables.bench.Bench selective  URI SERVER_DIR REPS
 * java -cp ... org.mlflowtables.bench.Bench history    URI SERVER_DIR REPS EXPERIMENT_ID
 * java -cp ... org.mlflowtables.bench.Bench backfill   URI SERVER_DIR CLIENT IDS_FILE KEYS STEPS IN_FLIGHT DEDUP [LABEL]
 *   (back-fill clients: raw, core, spark, jdbc; env BENCH_JDBC_BATCH: rows per JDBC executeBatch,
 *   BENCH_BACKFILL_WARM_STEPS: an untimed warm-up write first, BENCH_WORKERS: the server's
 *   workers, recorded)
 * java -cp ... org.mlflowtables.bench.Bench heap       URI RUNS PAGE_SIZE [LABEL]
 * java -cp ... org.mlflowtables.bench.Bench reads      (issue 15's read jobs: see {@link Reads})
 * java -cp ... org.mlflowtables.bench.Bench stream     URI SERVER_DIR RUNS[,RUNS...] SECONDS
 * </pre>
 * Scan clients: core, core-p1000 (pageSize=1000), jdbc, raw, raw-p1000, raw-pN, mlflow-java,
 * mlflow-java-pN, spark-count, spark-noop (raw and mlflow-java without -pN: pages of 50 000).
 */
public final class Bench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long BASE_START_MS = 1_700_000_000_000L;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "scan" -> scan(args[1], dir(args[2]), Integer.parseInt(args[3]), args[4].split(","));
      case "selective" -> selective(args[1], dir(args[2]), Integer.parseInt(args[3]));
      case "history" -> history(args[1], dir(args[2]), Integer.parseInt(args[3]), args[4]);
      case "backfill" -> backfill(args[1], dir(args[2]), args[3], Path.of(args[4]),
          Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
          Boolean.parseBoolean(args[8]), args.length > 9 ? args[9] : "");
      case "reads" -> Reads.run(args);
      case "stream" -> StreamLatency.run(args[1], dir(args[2]), args[3],
          Integer.parseInt(args[4]));
      case "heap" -> Heap.run(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]),
          args.length > 4 ? args[4] : "");
      default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
    }
    SparkCases.stop();
    System.exit(0);
  }

  private static Path dir(String s) {
    return s.equals("-") ? null : Path.of(s);
  }

  /**
   * Per-request timeout of the connector's cases: 600 s, not the 60 s default, because with the
   * default page (50 000 runs, so the whole 10 000-run data set in one answer) a search-runs request
   * takes about a minute on this loaded machine, times out, and its retries redo the same page
   * until the retry budget is spent (see docs/benchmarks.md). -Dbench.timeout=60 shows that.
   */
  static final String TIMEOUT = System.getProperty("bench.timeout", "600");

  static MlflowConfig config(String uri, Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>(extra);
    m.putIfAbsent("timeoutSeconds", TIMEOUT);
    m.put("uri", uri);
    return MlflowConfig.from(m, Map.of());
  }

  // ---- a. full scan of runs --------------------------------------------------------------------

  /** What one scan read: rows, and the requests and bytes the client counted itself (-1: none). */
  record Read(long rows, long requests, long bytes) {}

  static void scan(String uri, Path dir, int reps, String[] clients) throws Exception {
    Probe probe = new Probe(dir);
    if (java.util.Arrays.stream(clients).anyMatch(c -> c.startsWith("spark"))) {
      SparkCases.warm();
    }
    for (int rep = 1; rep <= reps; rep++) {
      for (String c : clients) {
        System.gc();
        Probe.Snap before = probe.snap();
        Read r = scanOnce(uri, c);
        Probe.Delta d = before.to(probe.snap());
        new Result("scan", c).put("rep", rep).put("rows", r.rows())
            .put("client_requests", r.requests()).put("bytes", r.bytes()).probe(d).emit();
      }
    }
  }

  static Read scanOnce(String uri, String client) throws Exception {
    // raw-pN, mlflow-java-pN: page N (run 3 at 100 000 runs: N = 10000, see docs/benchmarks.md)
    if (client.matches("(raw|mlflow-java)-p\\d+") && !client.endsWith("-p1000")) {
      int page = Integer.parseInt(client.substring(client.lastIndexOf("-p") + 2));
      return client.startsWith("raw") ? rawScan(uri, page) : mlflowJavaScan(uri, page);
    }
    return switch (client) {
      case "core" -> coreScan(config(uri, Map.of()), ScanRequest.all("runs"), List.of());
      case "core-p1000" -> coreScan(config(uri, Map.of("pageSize", "1000", "timeoutSeconds", "60")),
          ScanRequest.all("runs"), List.of());
      case "raw" -> rawScan(uri, MlflowClient.MAX_RUNS_PAGE);
      case "raw-p1000" -> rawScan(uri, 1000);
      case "mlflow-java" -> mlflowJavaScan(uri, MlflowClient.MAX_RUNS_PAGE);
      case "mlflow-java-p1000" -> mlflowJavaScan(uri, 1000);
      case "jdbc" -> jdbc(uri, "SELECT * FROM mlflow.runs", "");
      case "spark-count" -> SparkCases.count(uri);
      case "spark-noop" -> SparkCases.noop(uri);
      default -> throw new IllegalArgumentException("unknown scan client " + client);
    };
  }

  /** Core's scan as an engine drives it: plan, open every part, apply the residual filters. */
  static Read coreScan(MlflowConfig config, ScanRequest request, List<Predicate> unused) {
    ScanPlan plan = ScanPlanner.plan(config, request);
    MlflowClient client = MlflowClient.create(config);
    long rows = 0;
    List<Predicate> residual = plan.residualFilters();
    try (RowIterator it = plan.openAll(client)) {
      while (it.hasNext()) {
        Object[] row = it.next();
        if (residual.isEmpty()
            || PredicateEvaluator.testAll(residual, PredicateEvaluator.rowOf(plan.table(), row))) {
          rows++;
        }
      }
      return new Read(rows, it.counters().requests(), it.counters().bytes());
    }
  }

  /** The ceiling: pages search-runs and discards the bytes; parses only the page token. */
  static Read rawScan(String uri, int pageSize) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long requests = 0;
    long bytes = 0;
    // experiment ids (a client must know them; mlflow.search_runs does the same)
    HttpResponse<byte[]> er = http.send(post(uri, "experiments/search",
        "{\"max_results\":50000}"), HttpResponse.BodyHandlers.ofByteArray());
    requests++;
    bytes += er.body().length;
    List<String> ids = new ArrayList<>();
    for (JsonNode e : JSON.readTree(er.body()).path("experiments")) {
      ids.add(e.path("experiment_id").asText());
    }
    String token = null;
    do {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("experiment_ids", ids);
      body.put("max_results", pageSize);
      if (token != null) {
        body.put("page_token", token);
      }
      HttpResponse<InputStream> r = http.send(post(uri, "runs/search",
          JSON.writeValueAsString(body)), HttpResponse.BodyHandlers.ofInputStream());
      requests++;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("runs/search: " + r.statusCode());
      }
      byte[] buf = new byte[1 << 16];
      byte[] tail = new byte[0];
      try (InputStream in = r.body()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          bytes += n;
          // keep the last 1 KiB: the token is the document's last field
          byte[] t = new byte[Math.min(1024, tail.length + n)];
          int fromTail = t.length - Math.min(n, t.length);
          System.arraycopy(tail, tail.length - fromTail, t, 0, fromTail);
          System.arraycopy(buf, n - (t.length - fromTail), t, fromTail, t.length - fromTail);
          tail = t;
        }
      }
      token = tokenOf(new String(tail, StandardCharsets.UTF_8));
    } while (token != null);
    return new Read(-1, requests, bytes);
  }

  static String tokenOf(String tail) {
    int i = tail.lastIndexOf("\"next_page_token\"");
    if (i < 0) {
      return null;
    }
    int q1 = tail.indexOf('"', tail.indexOf(':', i) + 1);
    int q2 = tail.indexOf('"', q1 + 1);
    return tail.substring(q1 + 1, q2);
  }

  static HttpRequest post(String uri, String endpoint, String json) {
    return HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/" + endpoint))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** MLflow's own Java client (org.mlflow:mlflow-client), paging searchRuns to the end. */
  static Read mlflowJavaScan(String uri, int pageSize) {
    org.mlflow.tracking.MlflowClient c = new org.mlflow.tracking.MlflowClient(uri);
    try {
      List<String> ids = new ArrayList<>();
      var ep = c.searchExperiments("", org.mlflow.api.proto.Service.ViewType.ACTIVE_ONLY, 50_000,
          List.of(), null);
      ep.getItems().forEach(e -> ids.add(e.getExperimentId()));
      long requests = 1;
      long rows = 0;
      long entries = 0;
      String token = null;
      do {
        var page = c.searchRuns(ids, "", org.mlflow.api.proto.Service.ViewType.ACTIVE_ONLY,
            pageSize, List.of(), token);
        requests++;
        for (var run : page.getItems()) {
          rows++;
          entries += run.getData().getMetricsCount() + run.getData().getParamsCount()
              + run.getData().getTagsCount();
        }
        token = page.getNextPageToken().orElse(null);
      } while (token != null);
      if (entries < 0) {
        throw new AssertionError();
      }
      return new Read(rows, requests, -1);
    } finally {
      c.close();
    }
  }

  /** A JDBC query streamed to the end; every column of every row read. */
  static Read jdbc(String uri, String sql, String props) throws Exception {
    Properties p = new Properties();
    p.setProperty("timeoutSeconds", TIMEOUT);
    for (String kv : props.split(";")) {
      if (!kv.isBlank()) {
        p.setProperty(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    long rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:mlflow:" + uri, p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          rs.getObject(i);
        }
        rows++;
      }
    }
    return new Read(rows, -1, -1);
  }

  // ---- b. selective query ------------------------------------------------------------------

  static void selective(String uri, Path dir, int reps) throws Exception {
    Probe probe = new Probe(dir);
    Predicate bucket = new Comparison(new MapEntryRef("params", "bucket"), CompareOp.EQ,
        Literal.of("b42"));
    String sql = "SELECT * FROM mlflow.runs WHERE params['bucket'] = 'b42'";
    for (int rep = 1; rep <= reps; rep++) {
      for (boolean push : new boolean[] {true, false}) {
        Map<String, String> extra = Map.of("pushDown", Boolean.toString(push));
        Probe.Snap before = probe.snap();
        ScanRequest req = new ScanRequest("runs", List.of(bucket), List.of(), null);
        ScanPlan plan = ScanPlanner.plan(config(uri, extra), req);
        Read r = coreScan(config(uri, extra), req, List.of());
        Probe.Delta d = before.to(probe.snap());
        new Result("selective", "core").put("pushDown", push).put("rep", rep)
            .put("rows", r.rows()).put("client_requests", r.requests()).put("bytes", r.bytes())
            .put("plan", plan.describe()).probe(d).emit();

        before = probe.snap();
        r = jdbc(uri, sql, "pushDown=" + push);
        d = before.to(probe.snap());
        new Result("selective", "jdbc").put("pushDown", push).put("rep", rep)
            .put("rows", r.rows()).probe(d).emit();
      }
    }
  }

  // ---- c. metric history -------------------------------------------------------------------

  static void history(String uri, Path dir, int reps, String experimentId) throws Exception {
    Probe probe = new Probe(dir);
    for (int rep = 1; rep <= reps; rep++) {
      System.gc();
      Probe.Snap before = probe.snap();
      ScanRequest req = new ScanRequest("metrics", List.of(new Comparison(
          new ColumnRef("experiment_id"), CompareOp.EQ, Literal.of(experimentId))), List.of(), null);
      Read r = coreScan(config(uri, Map.of()), req, List.of());
      Probe.Delta d = before.to(probe.snap());
      new Result("history", "core").put("rep", rep).put("rows", r.rows())
          .put("client_requests", r.requests()).put("bytes", r.bytes()).probe(d).emit();

      before = probe.snap();
      r = jdbc(uri, "SELECT * FROM mlflow.metrics WHERE experiment_id = '" + experimentId + "'",
          "");
      d = before.to(probe.snap());
      new Result("history", "jdbc").put("rep", rep).put("rows", r.rows()).probe(d).emit();
    }
  }

  // ---- d. back-fill --------------------------------------------------------------------------

  /** Rows of a JDBC back-fill per executeBatch() (one batch of core's writer). */
  static final int JDBC_BATCH = Integer.parseInt(envOr("BENCH_JDBC_BATCH", "100000"));

  private static String envOr(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  /**
   * Steps per run and key of the untimed warm-up write each back-fill case makes first, in its
   * own JVM (env BENCH_BACKFILL_WARM_STEPS; 0: none, the case runs in a cold JVM): the reads are
   * timed after a warm-up round too. Same client, runs, in-flight and de-dup as the case, keys of
   * their own ("warm-" before the case's), so the timed write finds none of its points there.
   */
  static final int WARM_STEPS = Integer.parseInt(envOr("BENCH_BACKFILL_WARM_STEPS", "0"));

  /**
   * One back-fill case: KEYS x STEPS points into each run of IDS_FILE, keys named after the file
   * (so that each case, and its re-run, has keys of its own: SQLite reads every point of a key for
   * each history request, so shared keys would make later cases slower).
   */
  static void backfill(String uri, Path dir, String client, Path idsFile, int keys, int steps,
      int inFlight, boolean dedup, String label) throws Exception {
    Probe probe = new Probe(dir);
    List<String> runIds = Files.readAllLines(idsFile).stream().filter(s -> !s.isBlank()).toList();
    String prefix = keyPrefix(idsFile);
    long points = (long) runIds.size() * keys * steps;
    if (client.equals("spark")) {
      SparkCases.warm();
    } else if (client.equals("jdbc")) {
      BackfillCases.warmJdbc(uri);
    }
    if (WARM_STEPS > 0) {
      write(uri, client, runIds, "warm-" + prefix, keys, WARM_STEPS, inFlight, dedup,
          new Result("backfill-warm-up", client));
    }
    Probe.Snap before = probe.snap();
    Result res = new Result("backfill", client).put("dedup", client.equals("raw") ? null : dedup)
        .put("in_flight", inFlight).put("label", label).put("points", points)
        .put("runs", runIds.size()).put("workers", Integer.parseInt(envOr("BENCH_WORKERS", "1")))
        .put("store", envOr("BENCH_STORE", "sqlite")).put("warm_steps", WARM_STEPS);
    write(uri, client, runIds, prefix, keys, steps, inFlight, dedup, res);
    res.probe(before.to(probe.snap())).emit();
  }

  /** Writes one case's points through a client; what the client reports goes into {@code res}. */
  private static void write(String uri, String client, List<String> runIds, String prefix,
      int keys, int steps, int inFlight, boolean dedup, Result res) throws Exception {
    switch (client) {
      case "raw" -> BackfillCases.raw(uri, runIds, prefix, keys, steps, inFlight);
      case "core" -> {
        MlflowClient c = MlflowClient.create(config(uri, Map.of()));
        WriteResult w;
        try (LogBatchWriter writer = LogBatchWriter.builder(c).maxInFlight(inFlight)
            .deduplicate(dedup).build()) {
          forEachPoint(runIds, prefix, keys, steps, writer::add);
          w = writer.flush();
        }
        res.put("points_written", w.pointsWritten()).put("points_skipped", w.pointsSkipped())
            .put("client_requests", w.requests()).put("log_batch_requests", w.logBatchRequests());
      }
      case "spark" -> SparkCases.backfill(uri, runIds, prefix, keys, steps, inFlight, dedup);
      case "jdbc" -> res.put("jdbc_batch", JDBC_BATCH).put("points_written",
          BackfillCases.jdbc(uri, runIds, prefix, keys, steps, inFlight, dedup, JDBC_BATCH));
      default -> throw new IllegalArgumentException("unknown back-fill client " + client);
    }
  }

  /** The keys of a case: its ids file's name, then b0, b1, ... */
  static String keyPrefix(Path idsFile) {
    return idsFile.getFileName().toString().replaceAll("\\.ids$", "") + "-";
  }

  /** The back-fill's points: run by run, key by key, step by step; value a function of them. */
  static void forEachPoint(List<String> runIds, String prefix, int keys, int steps,
      java.util.function.Consumer<MetricRow> sink) {
    for (int r = 0; r < runIds.size(); r++) {
      String id = runIds.get(r);
      for (int k = 0; k < keys; k++) {
        for (int s = 0; s < steps; s++) {
          sink.accept(MetricRow.of(id, prefix + "b" + k, value(r, k, s), BASE_START_MS + s, s));
        }
      }
    }
  }

  static double value(long r, long k, long s) {
    return Math.sin(r * 1000.0 + k * 10.0 + s * 0.001);
  }
}
