package org.mlflowtables.core.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before retrying: exponential back-off with full jitter, a server's
 * {@code Retry-After} taking precedence, within a bounded number of retries.
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelay the back-off unit: attempt n waits a random time in [0, base * 2^n]
 * @param maxDelay the cap of one wait, {@code Retry-After} included
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {

  /** HTTP statuses that mean "try again later": timeouts, throttling and transient 5xx. */
  public static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  public static RetryPolicy withRetries(int maxRetries) {
    return new RetryPolicy(maxRetries, Duration.ofMillis(250), Duration.ofSeconds(30));
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
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
  }
}
