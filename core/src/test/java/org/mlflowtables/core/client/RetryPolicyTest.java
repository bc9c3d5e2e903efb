package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.config.MlflowConfig;

/** The default retry schedule is MLflow's own client's, and configurable. */
class RetryPolicyTest {
  private static final RetryPolicy DEFAULTS =
      RetryPolicy.of(MlflowConfig.from(Map.of("uri", "http://h"), Map.of()));

  @Test
  void theDefaultsAreMlflowsClientDefaults() {
    assertEquals(7, DEFAULTS.maxRetries());
    assertEquals(Duration.ofSeconds(2), DEFAULTS.backoff());
    assertEquals(Duration.ofSeconds(120), DEFAULTS.maxDelay());
  }

  @Test
  void theDefaultWaitsDoubleFromFourSecondsUpToTheCap() {
    long[] floors = {0, 4_000, 8_000, 16_000, 32_000, 64_000, 120_000};
    for (int n = 0; n < floors.length; n++) {
      for (int draw = 0; draw < 50; draw++) {
        long wait = DEFAULTS.delay(n, null).toMillis();
        long ceiling = n == 0 ? 0 : Math.min(120_000, floors[n] + 1_000);
        assertTrue(wait >= floors[n] && wait <= ceiling, "retry " + n + " waited " + wait);
      }
    }
  }

  @Test
  void theDefaultBudgetRidesOutFourMinutes() {
    assertEquals(Duration.ofSeconds(244), DEFAULTS.minimumTotalWait());
  }

  @Test
  void retryAfterWinsUpToTheCap() {
    assertEquals(Duration.ofSeconds(7), DEFAULTS.delay(3, Duration.ofSeconds(7)));
    assertEquals(Duration.ofSeconds(120), DEFAULTS.delay(0, Duration.ofMinutes(10)));
  }

  @Test
  void settingsAndMlflowsEnvironmentChangeTheBudget() {
    RetryPolicy set = RetryPolicy.of(MlflowConfig.from(
        Map.of("uri", "http://h", "maxRetries", "3", "retryBackoffSeconds", "0.5"), Map.of()));
    assertEquals(3, set.maxRetries());
    assertEquals(Duration.ofMillis(3_000), set.minimumTotalWait()); // 1 s + 2 s
    RetryPolicy env = RetryPolicy.of(MlflowConfig.from(Map.of("uri", "http://h"),
        Map.of("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "2", "MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "1")));
    assertEquals(2, env.maxRetries());
    assertEquals(Duration.ofSeconds(2), env.minimumTotalWait());
    RetryPolicy off = RetryPolicy.of(MlflowConfig.from(Map.of("uri", "http://h",
        "maxRetries", "0"), Map.of("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "9")));
    assertEquals(0, off.maxRetries());
  }
}
