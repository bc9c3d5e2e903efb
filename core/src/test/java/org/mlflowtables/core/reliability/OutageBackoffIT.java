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
 * No request storm: while the server is down, clients with the default retry settings back off
 * (exponential, with jitter) instead of hammering it, each call makes at most {@code maxRetries +
 * 1} attempts, and a call that outlives its budget fails with an error that says so.
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
    // The defaults a user gets: maxRetries 6, back-off base 250 ms doubling, full jitter.
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
          assertTrue(e.getMessage().contains("gave up after 7 attempts"), e.getMessage());
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
    assertTrue(maxAttempts <= 7, "at most maxRetries + 1 attempts per call: " + maxAttempts);
    // OkHttp may repeat an attempt once on a fresh connection after a reset (retryOnConnection-
    // Failure), so the wire sees at most twice the client's attempts.
    assertTrue(refused <= 2L * threads * 7, "no storm: " + refused + " connections in 4 s");
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
  void aBurstOf503sIsRetriedWithinTheCappedBackOff() {
    // One call, the server answering 503 six times: the gaps between attempts grow (jitter aside:
    // each wait is drawn from [0, 250 ms * 2^n]), and the seventh attempt gets through.
    MlflowClient c = MlflowClient.create(MlflowConfig.from(Map.of("uri", proxy.uri()), Map.of()));
    proxy.resetCounters();
    proxy.plan(r -> r.attempt() < 6 ? Fault.HTTP_503 : Fault.NONE);
    String id = server.fixture().oracle().experiments().get(0).experimentId();
    long t0 = System.nanoTime();
    c.getExperiment(id);
    double seconds = (System.nanoTime() - t0) / 1e9;
    proxy.plan(FaultPlan.none());
    assertEquals(7, proxy.requests());
    List<Long> at = proxy.arrivals();
    long total = TimeUnit.NANOSECONDS.toMillis(at.get(at.size() - 1) - at.get(0));
    System.out.printf("7 attempts over %d ms (call %.2f s)%n", total, seconds);
    assertTrue(total <= 250 * (1 + 2 + 4 + 8 + 16 + 32) + 500, "waits are capped: " + total);
    Figures.add(OutageBackoffIT.class, "aBurstOf503sIsRetriedWithinTheCappedBackOff", "fault.HTTP_503",
        proxy.injected().get(Fault.HTTP_503));
  }
}
