package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.RetryPolicy;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.OracleRows;

/**
 * Core's scans through {@link FaultProxy} in front of the real server: every table still equals
 * MLflow's Python client under bursts of every transient fault, and a spent retry budget ends the
 * scan with an error that names the fault, never with fewer rows presented as the whole.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class CoreFaultsIT extends FaultsITBase<Map<List<Object>, Integer>> {
  static MlflowConfig config(String pageSize) {
    Map<String, String> m = new HashMap<>(Map.of("uri", proxy.uri(), "viewType", "ALL",
        "timeoutSeconds", "2", "maxInFlight", "4"));
    if (pageSize != null) {
      m.put("pageSize", pageSize);
    }
    return MlflowConfig.from(m, Map.of());
  }

  static MlflowClient client(MlflowConfig c, int retries) {
    return MlflowClient.create(c, new RetryPolicy(retries, Duration.ofMillis(20),
        Duration.ofMillis(1_500)));
  }

  /** Retries of the last scan (each scan counts its own requests). */
  static long lastRetries;

  static List<List<Object>> scan(MlflowClient client, ScanRequest request, List<List<Object>> sink) {
    try (RowIterator it = ScanPlanner.plan(client.config(), request).openAll(client)) {
      try {
        it.forEachRemaining(r -> sink.add(Arrays.asList(r)));
      } finally {
        lastRetries = it.counters().retries();
      }
    }
    return sink;
  }

  private static boolean global(String table) {
    return table.equals("experiments") || table.equals("registered_models")
        || table.equals("model_versions");
  }

  private static List<List<Object>> fixtureOnly(String table, List<List<Object>> rows) {
    if (!global(table)) {
      return rows;
    }
    int nameColumn = table.equals("experiments") ? 1 : 0;
    return OracleRows.where(rows, nameColumn, v -> ((String) v).startsWith(oracle.prefix()));
  }

  static List<String> tablesUnderFaults() {
    return List.of("experiments", "runs", "latest_metrics", "params", "tags", "metrics",
        "run_inputs", "registered_models", "model_versions", "logged_models",
        "logged_model_metrics");
  }

  @Override
  protected Map<List<Object>, Integer> readUnderFaults(String table) {
    // Small pages: many requests, so that faults hit the middle of scans, not only their start.
    String pageSize = table.equals("metrics") || table.equals("logged_model_metrics") ? "40"
        : "4";
    MlflowClient client = client(config(pageSize), 6);
    ScanRequest request = global(table) ? ScanRequest.all(table)
        : new ScanRequest(table, List.of(inFixture()), List.of(), null);
    return OracleRows.multiset(fixtureOnly(table, scan(client, request, new ArrayList<>())));
  }

  @Override
  protected Map<List<Object>, Integer> oracleAnswer(String table) {
    return OracleRows.multiset(OracleRows.rows(oracle, table));
  }

  @Override
  protected int rows(Map<List<Object>, Integer> answer) {
    return answer.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  protected void addFigures(String test) {
    Figures.add(CoreFaultsIT.class, test, "clientRetries", lastRetries);
  }

  /** A phrase the error of a spent budget must contain, per fault. */
  static String phrase(Fault f) {
    switch (f) {
      case HTTP_503:
      case HTTP_503_RETRY_AFTER:
        return "HTTP 503";
      case HTTP_429:
      case HTTP_429_RETRY_AFTER:
        return "HTTP 429";
      case RESET_BEFORE_ANSWER:
        return "connection failed";
      case RESET_MID_BODY:
        return "Connection reset";
      case SLOWER_THAN_TIMEOUT:
        return "timed out";
      case TRUNCATED_JSON:
        return "malformed or truncated JSON";
      case HTML_502_FROM_PROXY:
        return "HTTP 502 from /api/2.0/mlflow/runs/search: the server answered with text/html, "
            + "not MLflow JSON";
      case HTML_200_FROM_PROXY:
        return "the server answered with text/html, not MLflow JSON";
      default:
        throw new IllegalArgumentException(f.name());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"HTTP_503", "HTTP_503_RETRY_AFTER", "HTTP_429",
      "HTTP_429_RETRY_AFTER", "RESET_BEFORE_ANSWER", "RESET_MID_BODY", "SLOWER_THAN_TIMEOUT",
      "TRUNCATED_JSON", "HTML_502_FROM_PROXY", "HTML_200_FROM_PROXY"})
  void aSpentRetryBudgetFailsTheScanClearlyNeverEndsItEarly(Fault fault) {
    // Three pages pass, then every request fails: the scan has produced rows when the budget runs
    // out, and must throw rather than end as if those were all.
    proxy.plan(r -> r.seq() <= 3 ? Fault.NONE : fault);
    MlflowClient client = client(config("3"), 2);
    List<List<Object>> seen = new ArrayList<>();
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> scan(client, new ScanRequest("runs", List.of(inFixture()), List.of(), null), seen));
    int all = OracleRows.rows(oracle, "runs").size();
    assertTrue(seen.size() > 0 && seen.size() < all, "failed mid-scan after " + seen.size()
        + " of " + all + " rows");
    String m = e.getMessage();
    assertTrue(m.contains(phrase(fault)), m);
    assertTrue(m.contains("/api/2.0/mlflow/runs/search"), "names the endpoint: " + m);
    assertTrue(m.contains("gave up after 3 attempts"), "says the budget is spent: " + m);
    assertFalse(m.contains("Exception:") || m.contains("at com.fasterxml"), "no parse trace: " + m);
    // One attempt and two retries; OkHttp itself repeats an attempt once when a pooled (kept-alive)
    // connection is reset before any answer, so a reset may reach the wire twice per attempt.
    long attempts = proxy.injectedTotal();
    assertTrue(fault == Fault.RESET_BEFORE_ANSWER ? attempts >= 3 && attempts <= 6
        : attempts == 3, "one attempt and two retries: " + proxy);
    Figures.addFaults(CoreFaultsIT.class, "aSpentRetryBudgetFailsTheScanClearlyNeverEndsItEarly",
        proxy);
    Figures.add(CoreFaultsIT.class, "aSpentRetryBudgetFailsTheScanClearlyNeverEndsItEarly",
        "scansFailedCleanly", 1);
    System.out.println(fault + " -> " + m);
  }

  @ParameterizedTest
  @ValueSource(strings = {"runs", "metrics"})
  void aScanRidesOutAServerRestartMidScan(String table) {
    // The "restart": open connections are cut and the port refuses connections for 2.5 s, then
    // answers again on the same port; the scan has produced rows before and must go on exactly.
    MlflowClient client = client(config(table.equals("runs") ? "2" : "25"), 14);
    List<List<Object>> rows = new ArrayList<>();
    boolean restarted = false;
    long retries;
    try (RowIterator it = ScanPlanner.plan(client.config(),
        new ScanRequest(table, List.of(inFixture()), List.of(), null)).openAll(client)) {
      while (it.hasNext()) {
        rows.add(Arrays.asList(it.next()));
        if (rows.size() == 5) {
          proxy.outage(Duration.ofMillis(2_500), false);
          restarted = true;
        }
      }
      retries = it.counters().retries();
    }
    assertTrue(restarted);
    List<List<Object>> expected = OracleRows.rows(oracle, table);
    assertEquals(OracleRows.multiset(expected), OracleRows.multiset(rows));
    assertTrue(retries > 0, "the scan retried across the restart");
    String test = "aScanRidesOutAServerRestartMidScan[" + table + "]";
    Figures.add(CoreFaultsIT.class, test, "fault.SERVER_RESTART", 1);
    Figures.add(CoreFaultsIT.class, test, "rowsCompared", expected.size());
    Figures.add(CoreFaultsIT.class, test, "clientRetries", retries);
  }

  @Test
  void retryAfterIsHonouredAndPlainBackOffIsShort() {
    MlflowClient client = client(config(null), 3);
    String id = oracle.experiments().get(0).experimentId();
    proxy.plan(r -> r.attempt() == 0 ? Fault.HTTP_429_RETRY_AFTER : Fault.NONE);
    long t0 = System.nanoTime();
    client.getExperiment(id);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(waited >= 950, "waited " + waited + " ms for Retry-After: 1");
    assertEquals(2, proxy.requests());

    proxy.resetCounters();
    proxy.plan(r -> r.attempt() == 0 ? Fault.HTTP_503 : Fault.NONE);
    t0 = System.nanoTime();
    client.getExperiment(id);
    waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(waited < 900, "a 503 without Retry-After backs off briefly: " + waited + " ms");
    assertEquals(2, proxy.requests());
    Figures.add(CoreFaultsIT.class, "retryAfterIsHonouredAndPlainBackOffIsShort",
        "fault.HTTP_429_RETRY_AFTER", 1);
    Figures.add(CoreFaultsIT.class, "retryAfterIsHonouredAndPlainBackOffIsShort",
        "fault.HTTP_503", 1);
  }

  @Test
  void aPageTokenTheServerRejectsFailsTheScanNamingIt() {
    // A proxy that mangles next_page_token: the server refuses the next page; the scan must fail
    // (not end after the first page), with MLflow's error code and message, and not retry a 400.
    proxy.plan(r -> r.seq() == 1 ? Fault.CORRUPT_PAGE_TOKEN : Fault.NONE);
    MlflowClient client = client(config("3"), 3);
    List<List<Object>> seen = new ArrayList<>();
    MlflowApiException e = assertThrows(MlflowApiException.class,
        () -> scan(client, new ScanRequest("experiments", List.of(), List.of(), null), seen));
    assertEquals(400, e.httpStatus(), e.getMessage());
    assertEquals("INVALID_PARAMETER_VALUE", e.errorCode(), e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains("token"), e.getMessage());
    assertEquals(2, proxy.requests(), "a 400 is not retried");
    Figures.addFaults(CoreFaultsIT.class, "aPageTokenTheServerRejectsFailsTheScanNamingIt",
        proxy);
    System.out.println("rejected page token -> " + e.getMessage());
  }
}
