package org.mlflowtables.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultProxy.FaultPlan;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * No request storm: while the server is down, clients with the default retry settings (MLflow's
 * own client schedule) back off instead of hammering it, each call makes at most {@code
 * maxRetries + 1} attempts, and a call that outlives its budget fails with an error that says so.
 */
@ExtendWith(MlflowServerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutageBackoffIT {
  private static MlflowServer server;
  @AutoClose
  private static FaultProxy proxy;

  @BeforeAll
  static void setUp(MlflowServer s) {
    server = s;
    proxy = FaultProxy.start(s.uri(), FaultPlan.none());
  }

  @Test
  void sixteenClientsDuringAFourSecondOutageBackOff() throws Exception {
    int threads = 16;
    // The defaults a user gets: MLflow's schedule, 7 retries waiting 0, 4, 8, ... 120 s.
    MlflowClient base = MlflowClient.create(MlflowConfig.from(Map.of("uri", proxy.uri(),
        "timeoutSeconds", "5"), Map.of()));
    String id = server.fixture().oracle().experiments().get(0).experimentId();
    base.getExperiment(id); // warm: a pooled connection each, so the outage cuts live ones too
    proxy.resetCounters();
    long start = System.nanoTime();
    proxy.outage(Duration.ofSeconds(4), true);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        MlflowClient c = base.withNewStats();
        long ok = 1;
        try {
          c.getExperiment(id);
        } catch (MlflowApiException e) {
          assertTrue(e.getMessage().contains("gave up after 8 attempts"), e.getMessage());
          assertTrue(e.getMessage().contains("/api/2.0/mlflow/experiments/get"), e.getMessage());
          ok = 0;
        }
        return new long[] {ok, c.stats().requests()};
      }));
    }
    long succeeded = 0;
    long maxAttempts = 0;
    long attempts = 0;
    for (Future<long[]> f : results) {
      long[] r = f.get(60, TimeUnit.SECONDS);
      succeeded += r[0];
      maxAttempts = Math.max(maxAttempts, r[1]);
      attempts += r[1];
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    long refused = proxy.refusedInOutage();
    System.out.printf("outage: %d clients, %d succeeded, %d attempts by the clients (max %d per"
        + " call), %d connections refused by the proxy during the 4 s outage, %.1f s%n", threads,
        succeeded, attempts, maxAttempts, refused, seconds);
    assertTrue(maxAttempts <= 8, "at most maxRetries + 1 attempts per call: " + maxAttempts);
    // OkHttp may repeat an attempt once on a fresh connection after a reset (retryOnConnection-
    // Failure), so the wire sees at most twice the client's attempts.
    assertTrue(refused <= 2L * threads * 8, "no storm: " + refused + " connections in 4 s");
    // Without back-off, 16 threads would make hundreds of attempts per second; with it, each
    // client makes only a handful over the whole outage.
    assertTrue(refused / 4.0 < 16 * 4, "attempts per second during the outage: " + refused / 4.0);
    assertTrue(succeeded >= threads / 2, "most calls outlived the outage: " + succeeded);
    Figures.add(OutageBackoffIT.class, "sixteenClientsDuringAFourSecondOutageBackOff",
        "fault.SERVER_RESTART", 1);
    Figures.add(OutageBackoffIT.class, "sixteenClientsDuringAFourSecondOutageBackOff",
        "attemptsDuringOutage", refused);
    Figures.add(OutageBackoffIT.class, "sixteenClientsDuringAFourSecondOutageBackOff",
        "maxAttemptsPerCall", maxAttempts);
    Figures.add(OutageBackoffIT.class, "sixteenClientsDuringAFourSecondOutageBackOff",
        "callsSucceeded", succeeded);
  }

  @Test
  void aBurstOf503sIsRetriedOnMlflowsSchedule() {
    // One call, the server answering 503 three times: the first retry goes at once, the next
    // after 4 s and 8 s (each plus up to 1 s of jitter), and the fourth attempt gets through.
    MlflowClient c = MlflowClient.create(MlflowConfig.from(Map.of("uri", proxy.uri()), Map.of()));
    proxy.resetCounters();
    proxy.plan(r -> r.attempt() < 3 ? Fault.HTTP_503 : Fault.NONE);
    String id = server.fixture().oracle().experiments().get(0).experimentId();
    long t0 = System.nanoTime();
    c.getExperiment(id);
    double seconds = (System.nanoTime() - t0) / 1e9;
    proxy.plan(FaultPlan.none());
    assertEquals(4, proxy.requests());
    List<Long> at = proxy.arrivals();
    long[] gaps = new long[3];
    for (int i = 0; i < 3; i++) {
      gaps[i] = TimeUnit.NANOSECONDS.toMillis(at.get(i + 1) - at.get(i));
    }
    System.out.printf("4 attempts, gaps %d, %d, %d ms (call %.2f s)%n", gaps[0], gaps[1], gaps[2],
        seconds);
    assertTrue(gaps[0] < 1_000, "the first retry goes at once: " + gaps[0]);
    assertTrue(gaps[1] >= 4_000 && gaps[1] <= 6_000, "then 4 s and jitter: " + gaps[1]);
    assertTrue(gaps[2] >= 8_000 && gaps[2] <= 10_000, "then 8 s and jitter: " + gaps[2]);
    Figures.add(OutageBackoffIT.class, "aBurstOf503sIsRetriedOnMlflowsSchedule", "fault.HTTP_503",
        proxy.injected().get(Fault.HTTP_503));
  }
}
