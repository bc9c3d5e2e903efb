package org.mlflowtables.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The read jobs of issue 15, each by mlflow-tables and by a raw HTTP client shaped for the server
 * (requests in flight = the server's workers, pages and batches at the server's limits):
 *
 * <pre>
 * reads URI DIR REPS WORKERS STORE scan    CLIENT[,CLIENT...]
 * reads URI DIR REPS WORKERS STORE history CLIENT[,CLIENT...] EXPERIMENT_ID
 * </pre>
 * scan: {@code spark} (the runs table through Spark's noop sink, every column), {@code raw-split}
 * (start_time split into WORKERS ranges, one stream each, all at once), {@code jdbc} (one stream,
 * every column read), {@code raw-stream} (one stream). history: {@code spark}, {@code jdbc} (the
 * metrics table of one experiment), {@code raw-bulk} (get-history-bulk, requests of at most 25 000
 * points and 100 runs spread over WORKERS requests in flight; points counted in the bytes),
 * {@code raw-bulk-decode} (the same, every point decoded by Jackson's streaming parser). Connector clients take settings
 * as name suffixes ({@link #options}). Raw pages: {@code -Dbench.rawPage}
 * (default 50 000, search-runs' maximum); the data set's size, {@code -Dbench.dataRuns} and
 * {@code -Dbench.dataPoints}, is written with each result. Each case is one JSON line, bench
 * "reads"; round 0 is a warm-up, and each round starts one client later than the one before.
 */
final class Reads {
  static final int RAW_PAGE = Integer.getInteger("bench.rawPage", 50_000);
  private static final int BULK_CAP = 25_000;
  private static final int BULK_RUNS = 100;

  private Reads() {}

  static void run(String[] a) throws Exception {
    String uri = a[1];
    Path dir = Path.of(a[2]);
    int reps = Integer.parseInt(a[3]);
    int workers = Integer.parseInt(a[4]);
    String store = a[5];
    String job = a[6];
    String[] clients = a[7].split(",");
    String experiment = a.length > 8 ? a[8] : null;
    Probe probe = new Probe(dir);
    if (java.util.Arrays.stream(clients).anyMatch(c -> c.startsWith("spark"))) {
      SparkCases.warm();
    }
    for (int rep = 0; rep <= reps; rep++) { // rep 0: warm-up (server workers, JIT, pools)
      // Each round starts one client later, so that no client always follows the same one
      // (the server's state after a client, the JVM's after it) over the rounds.
      for (int i = 0; i < clients.length; i++) {
        String c = clients[(i + rep) % clients.length];
        System.gc();
        Probe.Snap before = probe.snap();
        long rows = job.equals("scan") ? scan(uri, c, workers) : history(uri, c, workers, experiment);
        new Result("reads", c).put("job", job).put("workers", workers).put("store", store)
            .put("data", Long.getLong(job.equals("scan") ? "bench.dataRuns" : "bench.dataPoints"))
            .put("rep", rep).put("rows", rows).probe(before.to(probe.snap())).emit();
      }
    }
  }

  static long scan(String uri, String client, int workers) throws Exception {
    Map<String, String> options = options(client);
    return switch (base(client)) {
      case "spark" -> SparkCases.noopRows(SparkCases.table(uri, "runs", options));
      case "jdbc" -> Bench.jdbc(uri, "SELECT * FROM mlflow.runs", props(options)).rows();
      case "raw-stream" -> rawSplit(uri, 1);
      case "raw-split" -> rawSplit(uri, workers);
      default -> throw new IllegalArgumentException("unknown scan client " + client);
    };
  }

  static long history(String uri, String client, int workers, String experiment)
      throws Exception {
    String where = "experiment_id = '" + experiment + "'";
    Map<String, String> options = options(client);
    return switch (base(client)) {
      case "spark" -> SparkCases.noopRows(SparkCases.table(uri, "metrics", options).where(where));
      case "jdbc" -> Bench.jdbc(uri, "SELECT * FROM mlflow.metrics WHERE " + where,
          props(options)).rows();
      case "raw-bulk" -> rawBulk(uri, experiment, workers, false);
      case "raw-bulk-decode" -> rawBulk(uri, experiment, workers, true);
      default -> throw new IllegalArgumentException("unknown history client " + client);
    };
  }

  /**
   * A connector client's settings from its name's suffixes: {@code -pN} pageSize, {@code -mifN}
   * maxInFlight, {@code -partsN} maxPartitions (Spark), {@code -sN} scanStreams (JDBC), e.g.
   * {@code jdbc-p2000}, {@code spark-parts4-mif4}, {@code jdbc-s2}. Without suffixes: the defaults
   * users get.
   */
  static Map<String, String> options(String client) {
    Map<String, String> o = new LinkedHashMap<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(p|mif|parts|s)(\\d+)")
        .matcher(client);
    while (m.find()) {
      o.put(switch (m.group(1)) {
        case "p" -> "pageSize";
        case "mif" -> "maxInFlight";
        case "s" -> "scanStreams";
        default -> "maxPartitions";
      }, m.group(2));
    }
    return o;
  }

  private static String base(String client) {
    return client.replaceAll("-(p|mif|parts|s)\\d+", "");
  }

  private static String props(Map<String, String> options) {
    StringBuilder b = new StringBuilder();
    options.forEach((k, v) -> b.append(k).append('=').append(v).append(';'));
    return b.toString();
  }

  // ---- the raw clients -------------------------------------------------------------------------

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Every run: the experiment ids, then (for more than one stream) the first and last start time
   * (both at once), then {@code streams} start-time ranges of equal width paged at once. Counts
   * runs in the answers without parsing them (one {@code "run_uuid"} per run).
   */
  static long rawSplit(String uri, int streams) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode e : json(post(uri, "experiments/search", Map.of("max_results", 50_000)))
        .path("experiments")) {
      ids.add(e.path("experiment_id").asText());
    }
    if (streams == 1) {
      return pages(uri, ids, null);
    }
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      List<Future<JsonNode>> edges = new ArrayList<>();
      for (String dir : List.of("ASC", "DESC")) {
        edges.add(pool.submit(() -> json(post(uri, "runs/search", Map.of("experiment_ids", ids,
            "max_results", 1, "order_by", List.of("attributes.start_time " + dir))))));
      }
      long first = edges.get(0).get().path("runs").get(0).path("info").path("start_time").asLong();
      long last = edges.get(1).get().path("runs").get(0).path("info").path("start_time").asLong();
      long width = (last - first) / streams + 1;
      List<Future<Long>> parts = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        long from = first + i * width;
        String filter = "attributes.start_time >= " + from + " AND attributes.start_time < "
            + (from + width);
        parts.add(pool.submit(() -> pages(uri, ids, filter)));
      }
      long runs = 0;
      for (Future<Long> f : parts) {
        runs += f.get();
      }
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Pages search-runs to the end, RAW_PAGE runs a page; the runs counted, the bytes dropped. */
  private static long pages(String uri, List<String> ids, String filter) throws Exception {
    long runs = 0;
    String token = null;
    do {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("experiment_ids", ids);
      body.put("max_results", RAW_PAGE);
      if (filter != null) {
        body.put("filter", filter);
      }
      if (token != null) {
        body.put("page_token", token);
      }
      Counted page = count(send(post(uri, "runs/search", body)), "\"run_uuid\"");
      runs += page.count;
      token = Bench.tokenOf(page.tail);
    } while (token != null);
    return runs;
  }

  /**
   * The full history of every key of the experiment's runs: the runs (one search, their latest
   * steps give each history's length), then get-history-bulk requests, one key each, of at most
   * 100 runs and min(25 000, total / inFlight) points, inFlight at once. Fails if an answer holds
   * fewer points than the steps promised (a cut answer).
   */
  static long rawBulk(String uri, String experiment, int inFlight, boolean decode)
      throws Exception {
    JsonNode runs = json(post(uri, "runs/search", Map.of("experiment_ids", List.of(experiment),
        "max_results", 50_000))).path("runs");
    Map<String, Map<String, Long>> byKey = new TreeMap<>();
    long total = 0;
    for (JsonNode r : runs) {
      for (JsonNode m : r.path("data").path("metrics")) {
        long n = m.path("step").asLong() + 1;
        byKey.computeIfAbsent(m.path("key").asText(), k -> new TreeMap<>())
            .put(r.path("info").path("run_id").asText(), n);
        total += n;
      }
    }
    long target = Math.min(BULK_CAP, (total + inFlight - 1) / inFlight);
    List<Callable<Long>> requests = new ArrayList<>();
    byKey.forEach((key, lengths) -> {
      List<String> batch = new ArrayList<>();
      long points = 0;
      for (Map.Entry<String, Long> e : lengths.entrySet()) {
        if (!batch.isEmpty() && (points + e.getValue() > target || batch.size() == BULK_RUNS)) {
          requests.add(bulk(uri, key, List.copyOf(batch), points, decode));
          batch.clear();
          points = 0;
        }
        batch.add(e.getKey());
        points += e.getValue();
      }
      requests.add(bulk(uri, key, List.copyOf(batch), points, decode));
    });
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      long got = 0;
      for (Future<Long> f : pool.invokeAll(requests)) {
        got += f.get();
      }
      return got;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Long> bulk(String uri, String key, List<String> runIds, long expected,
      boolean decode) {
    return () -> {
      StringBuilder q = new StringBuilder("metric_key=" + enc(key) + "&max_results=" + BULK_CAP);
      runIds.forEach(id -> q.append("&run_id=").append(enc(id)));
      HttpRequest r = HttpRequest.newBuilder(URI.create(uri
          + "/ajax-api/2.0/mlflow/metrics/get-history-bulk?" + q)).GET().build();
      long points = decode ? decoded(send(r)) : count(send(r), "\"step\"").count;
      if (points != expected) {
        throw new IllegalStateException("get-history-bulk " + key + " x " + runIds.size()
            + " runs: " + points + " points, expected " + expected);
      }
      return points;
    };
  }

  /**
   * The points of a get-history-bulk answer, each decoded into its fields with Jackson's streaming
   * parser: the least a client that uses the values does (counting bytes, as {@code raw-bulk}
   * does, is cheaper on the client and shows the server's limit).
   */
  private static long decoded(InputStream body) throws IOException {
    long points = 0;
    double sink = 0;
    try (com.fasterxml.jackson.core.JsonParser p = Bench.JSON.getFactory().createParser(body)) {
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t != com.fasterxml.jackson.core.JsonToken.FIELD_NAME
            || !"metrics".equals(p.currentName())) {
          continue;
        }
        p.nextToken(); // [
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          String key = null;
          String runId = null;
          double value = 0;
          long timestamp = 0;
          long step = 0;
          for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
              case "key" -> key = p.getText();
              case "run_id" -> runId = p.getText();
              case "value" -> value = p.getValueAsDouble();
              case "timestamp" -> timestamp = p.getValueAsLong();
              case "step" -> step = p.getValueAsLong();
              default -> p.skipChildren();
            }
          }
          sink += value + timestamp + step + key.length() + runId.length();
          points++;
        }
      }
    }
    return sink == Double.MIN_VALUE ? -1 : points; // keeps the decoding from being optimized out
  }

  // ---- HTTP plumbing ---------------------------------------------------------------------------

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpRequest post(String uri, String endpoint, Object body) throws IOException {
    return Bench.post(uri, endpoint, Bench.JSON.writeValueAsString(body));
  }

  private static InputStream send(HttpRequest r) throws IOException, InterruptedException {
    HttpResponse<InputStream> res = HTTP.send(r, HttpResponse.BodyHandlers.ofInputStream());
    if (res.statusCode() != 200) {
      String body = new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException(r.uri().getPath() + ": " + res.statusCode() + " " + body);
    }
    return res.body();
  }

  private static JsonNode json(HttpRequest r) throws IOException, InterruptedException {
    try (InputStream in = send(r)) {
      return Bench.JSON.readTree(in);
    }
  }

  /** How often a marker occurs in an answer, and the answer's last KiB (its page token). */
  private record Counted(long count, String tail) {}

  private static Counted count(InputStream body, String marker) throws IOException {
    byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
    byte[] buf = new byte[1 << 16];
    byte[] tail = new byte[1024];
    int tailLen = 0;
    long count = 0;
    int matched = 0;
    try (InputStream in = body) {
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          matched = b == m[matched] ? matched + 1 : (b == m[0] ? 1 : 0);
          if (matched == m.length) {
            count++;
            matched = 0;
          }
        }
        int keep = Math.min(tail.length, tailLen + n);
        byte[] t = new byte[tail.length];
        int fromOld = keep - Math.min(n, keep);
        System.arraycopy(tail, tailLen - fromOld, t, 0, fromOld);
        System.arraycopy(buf, n - (keep - fromOld), t, fromOld, keep - fromOld);
        tail = t;
        tailLen = keep;
      }
    }
    return new Counted(count, new String(tail, 0, tailLen, StandardCharsets.UTF_8));
  }
}
