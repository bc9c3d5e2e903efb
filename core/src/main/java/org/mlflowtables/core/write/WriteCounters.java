package org.mlflowtables.core.write;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.mlflowtables.core.client.MlflowClient;

/**
 * Live, thread-safe counts of a {@link LogBatchWriter} (for progress reporting while it runs);
 * {@link #snapshot()} freezes them into a {@link WriteResult}.
 */
public final class WriteCounters {
  private static final int POINTS = 0;
  private static final int POINTS_SKIPPED = 1;
  private static final int PARAMS = 2;
  private static final int PARAMS_SKIPPED = 3;
  private static final int TAGS = 4;
  private static final int DISCARDED = 5;
  private static final int REQUESTS = 6;
  private static final int CREATED = 7;
  private static final int FIELDS = 8;

  private final AtomicLongArray totals = new AtomicLongArray(FIELDS);
  private final Map<String, AtomicLongArray> runs = new ConcurrentHashMap<>();
  private final LongSupplier requests;
  private final LongSupplier retries;

  WriteCounters(LongSupplier requests, LongSupplier retries) {
    this.requests = requests;
    this.retries = retries;
  }

  /** Counts of a writer whose requests are those of {@code client} (its own stats). */
  static WriteCounters of(MlflowClient client) {
    return new WriteCounters(() -> client.stats().requests(), () -> client.stats().retries());
  }

  private void add(String runId, int field, long n) {
    if (n == 0) {
      return;
    }
    totals.addAndGet(field, n);
    runs.computeIfAbsent(runId, k -> new AtomicLongArray(FIELDS)).addAndGet(field, n);
  }

  void written(String runId, int points, int params, int tags) {
    add(runId, POINTS, points);
    add(runId, PARAMS, params);
    add(runId, TAGS, tags);
    add(runId, REQUESTS, 1);
  }

  /** An experiment or run created (in the totals only). */
  void entityCreated() {
    totals.incrementAndGet(CREATED);
  }

  /** A tag set on an existing experiment (in the totals only). */
  void experimentTagSet() {
    totals.incrementAndGet(TAGS);
  }

  void pointsSkipped(String runId, long n) {
    add(runId, POINTS_SKIPPED, n);
  }

  void paramsSkipped(String runId, long n) {
    add(runId, PARAMS_SKIPPED, n);
  }

  void discarded(String runId, long n) {
    add(runId, DISCARDED, n);
  }

  public long pointsWritten() {
    return totals.get(POINTS);
  }

  public long pointsSkipped() {
    return totals.get(POINTS_SKIPPED);
  }

  public long paramsWritten() {
    return totals.get(PARAMS);
  }

  public long paramsSkipped() {
    return totals.get(PARAMS_SKIPPED);
  }

  public long tagsWritten() {
    return totals.get(TAGS);
  }

  /** Experiments created. */
  public long created() {
    return totals.get(CREATED);
  }

  public long rowsDiscarded() {
    return totals.get(DISCARDED);
  }

  public long logBatchRequests() {
    return totals.get(REQUESTS);
  }

  /** Every HTTP request of the writer so far, retries and de-duplication reads included. */
  public long requests() {
    return requests.getAsLong();
  }

  public long retries() {
    return retries.getAsLong();
  }

  /** The counts now. */
  public WriteResult snapshot() {
    Map<String, WriteResult.RunCounts> perRun = new TreeMap<>();
    runs.forEach((id, a) -> perRun.put(id, new WriteResult.RunCounts(a.get(POINTS),
        a.get(POINTS_SKIPPED), a.get(PARAMS), a.get(PARAMS_SKIPPED), a.get(TAGS),
        a.get(DISCARDED), a.get(REQUESTS))));
    return new WriteResult(pointsWritten(), pointsSkipped(), paramsWritten(), paramsSkipped(),
        tagsWritten(), created(), rowsDiscarded(), logBatchRequests(), requests(), retries(), perRun);
  }

  @Override
  public String toString() {
    return "WriteCounters{" + snapshot().summary() + "}";
  }
}
