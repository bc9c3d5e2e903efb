package org.mlflowtables.core.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * When and how long to wait before retrying: MLflow's own client schedule (urllib3's {@code
 * Retry} with {@code backoff_factor}, {@code backoff_jitter} and {@code backoff_max}), a server's
 * {@code Retry-After} taking precedence, within a bounded number of retries.
 *
 * <p>Retry {@code n} (0-based) waits nothing for {@code n = 0} (a stale connection or a blip) and
 * {@code min(maxDelay, backoff × 2^n + jitter)} after that, the jitter drawn from {@code [0,
 * backoff / 2)} so that many clients retrying together spread out. With the defaults (7 retries,
 * 2 s, 120 s) the waits are 0, 4, 8, 16, 32, 64 and 120 s: 244 s before the last attempt, as
 * MLflow's Python client, which rides out restarts, deploys and rate limits over a minute.
 *
 * @param maxRetries retries after the first attempt
 * @param backoff the back-off factor: retry n waits {@code backoff × 2^n} (n ≥ 1)
 * @param maxDelay the cap of one wait, {@code Retry-After} included
 */
public record RetryPolicy(int maxRetries, Duration backoff, Duration maxDelay) {

  /** HTTP statuses that mean "try again later": timeouts, throttling and transient 5xx. */
  public static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  /** The cap of one wait: urllib3's {@code DEFAULT_BACKOFF_MAX}, which MLflow's client keeps. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(120);

  /** The policy of a config: its {@code maxRetries} and {@code retryBackoffSeconds}. */
  public static RetryPolicy of(MlflowConfig config) {
    return new RetryPolicy(config.maxRetries(),
        Duration.ofMillis(Math.round(config.retryBackoffSeconds() * 1000)), MAX_DELAY);
  }

  public static boolean isRetryable(int status) {
    return RETRYABLE_STATUSES.contains(status);
  }

  /**
   * MLflow answers 400 when its SQL store's connection pool is exhausted ("QueuePool limit of size
   * 5 overflow 10 reached"): an overload that passes, not a bad request, so it is retried too.
   */
  public static boolean isOverloadedStore(int status, String message) {
    return status == 400 && message != null && message.contains("QueuePool limit");
  }

  /**
   * The wait before retry number {@code retry} (0-based).
   *
   * @param retryAfter the server's Retry-After, or null
   */
  public Duration delay(int retry, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
    }
    if (retry == 0) {
      return Duration.ZERO;
    }
    long unit = backoff.toMillis();
    long jitter = unit < 2 ? 0 : ThreadLocalRandom.current().nextLong(unit / 2);
    long wait = (unit << Math.min(retry, 20)) + jitter;
    return Duration.ofMillis(Math.min(maxDelay.toMillis(), wait));
  }

  /** The shortest total wait before the last attempt (jitter aside): what a call rides out. */
  public Duration minimumTotalWait() {
    Duration total = Duration.ZERO;
    for (int n = 1; n < maxRetries; n++) {
      long wait = backoff.toMillis() << Math.min(n, 20);
      total = total.plusMillis(Math.min(maxDelay.toMillis(), wait));
    }
    return total;
  }
}
