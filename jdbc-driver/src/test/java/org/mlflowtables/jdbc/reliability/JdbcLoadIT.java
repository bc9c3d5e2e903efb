package org.mlflowtables.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.reliability.LoadITBase;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.jdbc.JdbcTesting;

/**
 * Load: 32 JDBC connections run a mix of queries for 20 s against one server (through a counting
 * proxy): every answer equals the one MLflow's Python client implies, no thread is left behind,
 * the shared connection pool stays bounded; then an outage in the middle of the same load shows
 * the clients backing off instead of storming the server.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class JdbcLoadIT extends LoadITBase {
  private static final int CONNECTIONS = 32;
  private static Map<String, List<String>> expected;

  @BeforeAll
  static void setUp() {
    expected = expectedAnswers();
  }

  /** The queries of the mix and their answers, from the oracle. */
  private static Map<String, List<String>> expectedAnswers() {
    String fx = fixtureExperimentsSql();
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("SELECT COUNT(*) FROM runs WHERE experiment_id IN " + fx,
        List.of(Long.toString(oracle.runs().size())));
    m.put("SELECT run_id, \"value\" FROM params WHERE experiment_id IN " + fx
        + " AND key = 'optimizer'", oracle.params().stream()
        .filter(p -> p.key().equals("optimizer")).map(p -> p.runId() + " | " + p.value())
        .sorted().toList());
    m.put("SELECT name FROM experiments WHERE name LIKE 'fx-%'", oracle.experiments().stream()
        .map(Oracle.Experiment::name).sorted().toList());
    m.put("SELECT run_id, \"value\", step FROM latest_metrics WHERE experiment_id IN " + fx
        + " AND key = 'loss'", oracle.latestMetrics().stream().filter(p -> p.key().equals("loss"))
        .map(p -> JdbcRel.row(p.runId(), p.value(), p.step())).sorted().toList());
    m.put("SELECT COUNT(*) FROM metrics WHERE experiment_id IN " + fx,
        List.of(Integer.toString(OracleRows.rows(oracle, "metrics").size())));
    m.put("SELECT name, version FROM model_versions WHERE name LIKE 'fx-%'",
        oracle.modelVersions().stream().map(v -> JdbcRel.row(v.name(), v.version())).sorted()
            .toList());
    m.put("SELECT run_name FROM runs WHERE experiment_id IN " + fx
        + " ORDER BY start_time DESC, run_id LIMIT 5", oracle.runs().stream()
        .sorted(Comparator.comparing(Oracle.Run::startTime).reversed()
            .thenComparing(Oracle.Run::runId))
        .limit(5).map(Oracle.Run::runName).sorted().toList());
    return m;
  }

  private static Connection connect() throws Exception {
    return JdbcTesting.connect(proxy.uri(), "viewType=ALL");
  }

  /** Threads of the test's own proxy (one per client connection, and its JDK HTTP client). */
  private static boolean proxyThread(String name) {
    return name.startsWith("fault-proxy") || name.startsWith("HttpClient-");
  }

  /** Live threads but the proxy's, by name with numbers folded. */
  private static Map<String, Integer> threadGroups() {
    return threads(n -> !proxyThread(n));
  }

  private static int liveThreads() {
    return total(threadGroups());
  }

  private record Load(long queries, long wrong, long failed, int peakThreads) {}

  /** Runs the mix on {@code CONNECTIONS} connections for {@code seconds}. */
  private static Load load(int seconds, Runnable midway) throws Exception {
    List<String> sqls = new ArrayList<>(expected.keySet());
    AtomicLong queries = new AtomicLong();
    AtomicLong wrong = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicInteger peakThreads = new AtomicInteger();
    Map<String, String> firstProblem = new ConcurrentHashMap<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      int offset = i;
      futures.add(pool.submit(() -> {
        try (Connection c = connect()) {
          for (int q = offset; System.nanoTime() < deadline; q++) {
            String sql = sqls.get(q % sqls.size());
            try {
              List<String> got = JdbcRel.query(c, sql);
              queries.incrementAndGet();
              if (!got.equals(expected.get(sql))) {
                wrong.incrementAndGet();
                firstProblem.putIfAbsent("wrong", sql + " gave " + got);
              }
            } catch (Exception e) {
              failed.incrementAndGet();
              firstProblem.putIfAbsent("failed", sql + ": " + messages(e));
            }
            peakThreads.accumulateAndGet(liveThreads(), Math::max);
          }
        }
        return null;
      }));
    }
    if (midway != null) {
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) / 3);
      midway.run();
    }
    for (Future<?> f : futures) {
      f.get(seconds + 60L, TimeUnit.SECONDS);
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    if (!firstProblem.isEmpty()) {
      System.out.println("load problems: " + firstProblem);
    }
    return new Load(queries.get(), wrong.get(), failed.get(), peakThreads.get());
  }

  @Test
  void thirtyTwoConnectionsForTwentySecondsAnswerRightAndLeaveNothingBehind() throws Exception {
    // Warm up: classes loaded, the shared HTTP client created, one answer checked.
    try (Connection c = connect()) {
      for (String sql : expected.keySet()) {
        assertEquals(expected.get(sql), JdbcRel.query(c, sql), sql);
      }
    }
    System.gc();
    Thread.sleep(500);
    int before = liveThreads();
    Map<String, Integer> groupsBefore = threadGroups();
    proxy.resetCounters();

    Load l = load(20, null);
    int peakConnections = proxy.peakOpenConnections();
    System.out.printf("load: %d queries in 20 s on %d connections, %d wrong, %d failed; peak %d"
        + " threads, peak %d HTTP connections, %d requests%n", l.queries(), CONNECTIONS, l.wrong(),
        l.failed(), l.peakThreads(), peakConnections, proxy.requests());
    assertEquals(0, l.wrong(), "every answer is right");
    assertEquals(0, l.failed(), "no query failed");
    assertTrue(l.queries() >= CONNECTIONS, "each connection ran queries: " + l.queries());

    // No thread left behind once the connections are closed (idle pools time out).
    int after = liveThreads();
    for (int i = 0; i < 40 && after > before + 2; i++) {
      Thread.sleep(500);
      after = liveThreads();
    }
    Map<String, Integer> groupsAfter = threadGroups();
    Map<String, String> grown = new TreeMap<>();
    groupsAfter.forEach((k, v) -> {
      int was = groupsBefore.getOrDefault(k, 0);
      if (v > was) {
        grown.put(k, was + " -> " + v);
      }
    });
    System.out.println("threads before " + before + ", after " + after + "; grown: " + grown);
    assertTrue(after <= before + 2, "threads leaked: " + before + " -> " + after + " " + grown);

    // The shared OkHttp pool keeps at most 32 idle connections; in-flight ones are bounded by
    // the statements (32) times maxInFlight (8).
    assertTrue(peakConnections <= CONNECTIONS * 8, "peak connections " + peakConnections);
    int idle = proxy.openConnections();
    for (int i = 0; i < 20 && idle > 32; i++) {
      Thread.sleep(250);
      idle = proxy.openConnections();
    }
    assertTrue(idle <= 32, "idle connections kept: " + idle);

    String test = "thirtyTwoConnectionsForTwentySecondsAnswerRightAndLeaveNothingBehind";
    Figures.add(JdbcLoadIT.class, test, "queries", l.queries());
    Figures.add(JdbcLoadIT.class, test, "wrongAnswers", l.wrong());
    Figures.add(JdbcLoadIT.class, test, "failedQueries", l.failed());
    Figures.add(JdbcLoadIT.class, test, "peakHttpConnections", peakConnections);
    Figures.add(JdbcLoadIT.class, test, "threadsBefore", before);
    Figures.add(JdbcLoadIT.class, test, "threadsAfter", after);
    Figures.add(JdbcLoadIT.class, test, "requests", proxy.requests());
  }

  @Test
  void anOutageUnderLoadIsRiddenOutWithoutARequestStorm() throws Exception {
    proxy.resetCounters();
    // A 4 s outage a third of the way into 15 s of load; connections are accepted and reset, so
    // the proxy counts every attempt made while the server is "down".
    Load l = load(15, () -> proxy.outage(Duration.ofSeconds(4), true));
    long attempts = proxy.refusedInOutage();
    System.out.printf("outage under load: %d queries, %d wrong, %d failed; %d attempts during the"
        + " 4 s outage (%.1f per second for %d connections)%n", l.queries(), l.wrong(),
        l.failed(), attempts, attempts / 4.0, CONNECTIONS);
    assertEquals(0, l.wrong(), "no wrong answer");
    // Default budget: 6 retries with back-off from 250 ms, so a 4 s outage is mostly ridden out;
    // a query that does fail says why.
    assertTrue(l.failed() <= CONNECTIONS / 4, "few queries outlived their budget: " + l.failed());
    // Each in-flight statement makes at most 7 attempts in the window (OkHttp may repeat one on
    // a fresh connection): far from a storm of thousands.
    assertTrue(attempts <= (long) CONNECTIONS * 8 * 7 * 2, "attempts during outage " + attempts);
    assertTrue(attempts / 4.0 < 200, "attempts per second during the outage: " + attempts / 4.0);
    String test = "anOutageUnderLoadIsRiddenOutWithoutARequestStorm";
    Figures.add(JdbcLoadIT.class, test, "fault.SERVER_RESTART", 1);
    Figures.add(JdbcLoadIT.class, test, "attemptsDuringOutage", attempts);
    Figures.add(JdbcLoadIT.class, test, "queries", l.queries());
    Figures.add(JdbcLoadIT.class, test, "wrongAnswers", l.wrong());
    Figures.add(JdbcLoadIT.class, test, "failedQueries", l.failed());
  }

  static String describe(Map<String, Integer> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
