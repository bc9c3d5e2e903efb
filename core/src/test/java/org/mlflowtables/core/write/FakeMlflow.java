package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.LoggedModelData;
import org.mlflowtables.core.client.model.LoggedModelInfo;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.RunData;
import org.mlflowtables.core.client.model.RunInfo;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;

/**
 * An in-memory MLflow with the SQL store's log-batch semantics as verified against MLflow 3.17
 * (see LogBatchWriterServerIT): points keyed by (key, timestamp, step, value, is_nan), NaN
 * and +/-Infinity sanitized, params never changed, tags overwritten, limits enforced, logged-model
 * points keyed by (model, key, timestamp, step, run). Records what it received and how many calls
 * were in flight at once.
 */
final class FakeMlflow implements LogBatchBackend {
  static final String LOG_BATCH = "/api/2.0/mlflow/runs/log-batch";

  static final class FakeRun {
    String lifecycleStage = "active";
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, Set<RunPoint>> points = new LinkedHashMap<>();
    /** Every metric received, in arrival order (duplicates included). */
    final List<Metric> arrivals = new ArrayList<>();
    final List<LogBatchRequest> requests = new ArrayList<>();

    long pointCount() {
      return points.values().stream().mapToLong(Set::size).sum();
    }
  }

  final Map<String, FakeRun> runs = new ConcurrentHashMap<>();
  final Map<String, Map<ModelPointKey, Metric>> models = new ConcurrentHashMap<>();
  volatile boolean bulkEndpoint = true;
  volatile long latencyMillis;
  volatile Consumer<LogBatchRequest> onLogBatch = r -> {};
  /** get-run waits until this opens (tests that need every row buffered before anything goes). */
  volatile java.util.concurrent.CountDownLatch runGate = new java.util.concurrent.CountDownLatch(0);

  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  private final Map<String, int[]> runsInFlight = new java.util.HashMap<>();
  /** Two requests of one run were in flight at once. */
  final AtomicBoolean sameRunOverlap = new AtomicBoolean();
  /** A request with tags was in flight with another request of its run. */
  final AtomicBoolean tagRequestOverlap = new AtomicBoolean();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong logBatches = new AtomicLong();
  final AtomicLong getRuns = new AtomicLong();
  final AtomicLong bulkCalls = new AtomicLong();
  final AtomicLong historyCalls = new AtomicLong();
  final AtomicLong modelCalls = new AtomicLong();
  final AtomicInteger maxBulkRuns = new AtomicInteger();
  /** "run/key" of every history asked for, once per run named in a call (bulk or paged). */
  final List<String> historyReads = java.util.Collections.synchronizedList(new ArrayList<>());

  FakeRun createRun(String runId) {
    FakeRun r = new FakeRun();
    runs.put(runId, r);
    return r;
  }

  void createModel(String modelId) {
    models.put(modelId, new ConcurrentHashMap<>());
  }

  /** Stores points directly, as if logged earlier. */
  synchronized void preload(String runId, String key, double value, long timestamp, long step) {
    runs.get(runId).points.computeIfAbsent(key, k -> new LinkedHashSet<>())
        .add(RunPoint.of(timestamp, step, value));
  }

  private void enter(String runId) {
    enter(runId, false);
  }

  /** Counts a request in; {@code tags}: it carries tags. */
  private void enter(String runId, boolean tags) {
    requests.incrementAndGet();
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    if (runId != null) {
      synchronized (runsInFlight) {
        int[] n = runsInFlight.computeIfAbsent(runId, k -> new int[2]); // requests, with tags
        if (n[0] > 0) {
          sameRunOverlap.set(true);
          if (tags || n[1] > 0) {
            tagRequestOverlap.set(true);
          }
        }
        n[0]++;
        n[1] += tags ? 1 : 0;
      }
    }
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void exit(String runId) {
    exit(runId, false);
  }

  private void exit(String runId, boolean tags) {
    if (runId != null) {
      synchronized (runsInFlight) {
        int[] n = runsInFlight.get(runId);
        n[0]--;
        n[1] -= tags ? 1 : 0;
      }
    }
    inFlight.decrementAndGet();
  }

  private static MlflowApiException error(String code, int status, String path, String msg) {
    return new MlflowApiException(code, status, path, msg, null);
  }

  private static String pyRepr(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }

  @Override
  public void logBatch(LogBatchRequest r) {
    enter(r.runId(), !r.tags().isEmpty());
    try {
      onLogBatch.accept(r);
      synchronized (this) {
        logBatches.incrementAndGet();
        FakeRun run = runs.get(r.runId());
        if (run == null) {
          throw error("RESOURCE_DOES_NOT_EXIST", 404, LOG_BATCH,
              "Run with id=" + r.runId() + " not found");
        }
        if (r.metrics().size() > 1000 || r.params().size() > 100 || r.tags().size() > 100
            || r.size() > 1000) {
          throw error("INVALID_PARAMETER_VALUE", 400, LOG_BATCH, "A batch logging request can"
              + " contain at most ... Got " + r.size());
        }
        Set<String> keys = new HashSet<>();
        for (KeyValue p : r.params()) {
          if (!keys.add(p.key())) {
            throw error("INVALID_PARAMETER_VALUE", 400, LOG_BATCH,
                "Duplicate parameter keys have been submitted: ['" + p.key() + "'].");
          }
        }
        if (!"active".equals(run.lifecycleStage)) {
          throw error("INVALID_PARAMETER_VALUE", 400, LOG_BATCH, "The run " + r.runId()
              + " must be in the 'active' state. Current state is deleted.");
        }
        List<String> changed = new ArrayList<>();
        for (KeyValue p : r.params()) {
          String old = run.params.get(p.key());
          if (old != null && !old.equals(p.value())) {
            changed.add("{'key': " + pyRepr(p.key()) + ", 'old_value': " + pyRepr(old)
                + ", 'new_value': " + pyRepr(p.value()) + "}");
          }
        }
        if (!changed.isEmpty()) {
          throw error("INVALID_PARAMETER_VALUE", 400, LOG_BATCH, "Changing param values is not"
              + " allowed. Params were already logged='[" + String.join(", ", changed)
              + "]' for run ID='" + r.runId() + "'.");
        }
        r.params().forEach(p -> run.params.putIfAbsent(p.key(), p.value()));
        for (Metric m : r.metrics()) {
          run.arrivals.add(m);
          run.points.computeIfAbsent(m.key(), k -> new LinkedHashSet<>()).add(RunPoint.of(m));
        }
        for (Metric m : r.metrics()) {
          if (m.modelId() == null) {
            continue;
          }
          Map<ModelPointKey, Metric> model = models.get(m.modelId());
          if (model == null) {
            throw error("BAD_REQUEST", 400, LOG_BATCH,
                "(sqlite3.IntegrityError) FOREIGN KEY constraint failed");
          }
          Metric stored = new Metric(m.key(), Points.modelValue(m.value()), m.timestamp(),
              m.step(), r.runId(), m.modelId(), m.datasetName(), m.datasetDigest());
          Metric prev = model.putIfAbsent(ModelPointKey.of(stored), stored);
          if (prev != null && !prev.equals(stored)) {
            throw error("BAD_REQUEST", 400, LOG_BATCH, "(sqlite3.IntegrityError) UNIQUE"
                + " constraint failed: logged_model_metrics.model_id");
          }
        }
        r.tags().forEach(t -> run.tags.put(t.key(), t.value()));
        run.requests.add(r);
      }
    } finally {
      exit(r.runId(), !r.tags().isEmpty());
    }
  }

  @Override
  public Run getRun(String runId) {
    enter(null);
    try {
      runGate.await();
      getRuns.incrementAndGet();
      synchronized (this) {
        FakeRun run = runs.get(runId);
        if (run == null) {
          throw error("RESOURCE_DOES_NOT_EXIST", 404, "/api/2.0/mlflow/runs/get",
              "Run with id=" + runId + " not found");
        }
        List<Metric> latest = new ArrayList<>();
        run.points.forEach((k, pts) -> {
          // MLflow's latest value: the latest timestamp, then the largest step and value
          pts.stream().max(Comparator.comparingLong(RunPoint::timestamp)
              .thenComparingLong(RunPoint::step).thenComparingDouble(RunPoint::value))
              .ifPresent(p -> latest.add(Metric.of(k, p.nan() ? Double.NaN : p.value(),
                  p.timestamp(), p.step())));
        });
        List<KeyValue> params = new ArrayList<>();
        run.params.forEach((k, v) -> params.add(new KeyValue(k, v)));
        List<KeyValue> tags = new ArrayList<>();
        run.tags.forEach((k, v) -> tags.add(new KeyValue(k, v)));
        return new Run(new RunInfo(runId, "r", "1", "", "RUNNING", 0L, null, "", run.lifecycleStage),
            new RunData(latest, params, tags), null);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      exit(null);
    }
  }

  private static final Comparator<Metric> HISTORY_ORDER = Comparator
      .comparingLong(Metric::timestamp).thenComparingLong(Metric::step)
      .thenComparingDouble(Metric::value);

  private synchronized List<Metric> history(String runId, String key) {
    FakeRun run = runs.get(runId);
    if (run == null) {
      return List.of();
    }
    return run.points.getOrDefault(key, Set.of()).stream()
        .map(p -> new Metric(key, p.nan() ? Double.NaN : p.value(), p.timestamp(), p.step(),
            runId, null, null, null))
        .sorted(HISTORY_ORDER).collect(Collectors.toList());
  }

  @Override
  public List<Metric> getMetricHistoryBulk(List<String> runIds, String key, int maxResults) {
    enter(null);
    try {
      if (!bulkEndpoint) {
        throw error(null, 404, "/ajax-api/2.0/mlflow/metrics/get-history-bulk",
            "the server answered with text/html, not MLflow JSON");
      }
      if (runIds.size() > 100) {
        throw error("INVALID_PARAMETER_VALUE", 400, "bulk", "more than 100 run_ids");
      }
      bulkCalls.incrementAndGet();
      runIds.forEach(id -> historyReads.add(id + "/" + key));
      maxBulkRuns.accumulateAndGet(runIds.size(), Math::max);
      List<Metric> all = new ArrayList<>();
      for (String runId : new TreeMap<>(runIds.stream()
          .collect(Collectors.toMap(x -> x, x -> x, (a, b) -> a))).keySet()) {
        all.addAll(history(runId, key));
      }
      return all.size() > maxResults ? all.subList(0, maxResults) : all;
    } finally {
      exit(null);
    }
  }

  @Override
  public Page<Metric> getMetricHistory(String runId, String key, int maxResults,
      String pageToken) {
    enter(null);
    try {
      historyCalls.incrementAndGet();
      if (pageToken == null) {
        historyReads.add(runId + "/" + key);
      }
      List<Metric> all = history(runId, key);
      int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
      int end = Math.min(all.size(), offset + maxResults);
      return new Page<>(all.subList(offset, end),
          end < all.size() ? Integer.toString(end) : null);
    } finally {
      exit(null);
    }
  }

  @Override
  public LoggedModel getLoggedModel(String modelId) {
    enter(null);
    try {
      modelCalls.incrementAndGet();
      Map<ModelPointKey, Metric> model = models.get(modelId);
      if (model == null) {
        throw error("RESOURCE_DOES_NOT_EXIST", 404, "/api/2.0/mlflow/logged-models/" + modelId,
            "Logged model with ID '" + modelId + "' not found.");
      }
      return new LoggedModel(new LoggedModelInfo(modelId, "1", "m", 0L, 0L, "", "READY", "", "",
          null, null, null), new LoggedModelData(null, new ArrayList<>(model.values())));
    } finally {
      exit(null);
    }
  }

  @Override
  public long requests() {
    return requests.get();
  }

  @Override
  public long retries() {
    return 0;
  }
}
