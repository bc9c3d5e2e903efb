package org.mlflowtables.core.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;

/**
 * What the server already holds, read once per run, per (run, key) and per logged model and kept
 * for the writer's life: the state de-duplication compares rows with. Thread-safe; each item is
 * fetched by one thread while others wanting it wait for that fetch.
 *
 * <p>Histories come from get-history-bulk (one key for up to {@value
 * MlflowClient#MAX_HISTORY_BULK_RUNS} runs, at most {@value MlflowClient#MAX_HISTORY_PAGE} points
 * in all, sorted by run id): every run of a cut answer but the last is complete; the last one is
 * read again with the paged get-history, the runs missing from the answer with another bulk call.
 * A server without the bulk endpoint (404) gets paged get-history for every run.
 */
final class ServerState {

  /** A run's lifecycle stage, params and metric keys when it was first read. */
  record RunSnapshot(String lifecycleStage, Map<String, String> params, Set<String> metricKeys) {
    boolean isActive() {
      return lifecycleStage == null || "active".equals(lifecycleStage);
    }
  }

  private record RunKey(String runId, String key) {}

  private final LogBatchBackend backend;
  private final int historyPage;
  private final Map<String, CompletableFuture<RunSnapshot>> runs = new ConcurrentHashMap<>();
  private final Map<RunKey, CompletableFuture<Set<RunPoint>>> histories =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Map<ModelPointKey, ModelPayload>>> models =
      new ConcurrentHashMap<>();
  private volatile boolean bulkAvailable = true;
  private final AtomicLong pointsRead = new AtomicLong();

  /**
   * @param historyPage points per history call ({@value MlflowClient#MAX_HISTORY_PAGE}, the
   *     server's cap; tests use less)
   */
  ServerState(LogBatchBackend backend, int historyPage) {
    this.backend = backend;
    this.historyPage = historyPage;
  }

  /** Metric points read from the server so far. */
  long pointsRead() {
    return pointsRead.get();
  }

  /** Whether get-history-bulk is still believed to exist. */
  boolean bulkAvailable() {
    return bulkAvailable;
  }

  // ---- runs ----------------------------------------------------------------------------------

  /** The run as first read; reads it now if needed. Throws the client's exception. */
  RunSnapshot run(String runId) {
    return load(runs, runId, () -> snapshot(backend.getRun(runId)));
  }

  /** The run if it has been read, else null. */
  RunSnapshot runIfLoaded(String runId) {
    return doneValue(runs.get(runId));
  }

  private static RunSnapshot snapshot(Run run) {
    Map<String, String> params = KeyValue.toMap(run.data().params());
    Set<String> keys = new HashSet<>();
    for (Metric m : run.data().metrics()) {
      keys.add(m.key());
    }
    return new RunSnapshot(run.info() == null ? null : run.info().lifecycleStage(), params, keys);
  }

  // ---- logged models -------------------------------------------------------------------------

  /** A logged model's metric points by primary key; reads them now if needed. */
  Map<ModelPointKey, ModelPayload> model(String modelId) {
    return load(models, modelId, () -> {
      LoggedModel model = backend.getLoggedModel(modelId);
      Map<ModelPointKey, ModelPayload> points = new HashMap<>();
      for (Metric m : model.data().metrics()) {
        points.put(ModelPointKey.of(m), ModelPayload.of(m));
      }
      pointsRead.addAndGet(points.size());
      return points;
    });
  }

  Map<ModelPointKey, ModelPayload> modelIfLoaded(String modelId) {
    return doneValue(models.get(modelId));
  }

  // ---- histories -----------------------------------------------------------------------------

  /** The points of a run's key if they have been read, else null. */
  Set<RunPoint> historyIfLoaded(String runId, String key) {
    return doneValue(histories.get(new RunKey(runId, key)));
  }

  /** Whether some thread has started (or finished) reading this history. */
  boolean historyRequested(String runId, String key) {
    return histories.containsKey(new RunKey(runId, key));
  }

  /**
   * Makes the histories of one key for these runs available: reads the ones nobody has asked
   * for yet (together, with the bulk endpoint), then waits for the ones other threads are reading.
   */
  void loadHistories(String key, Collection<String> runIds) {
    Map<String, CompletableFuture<Set<RunPoint>>> mine = new LinkedHashMap<>();
    List<CompletableFuture<Set<RunPoint>>> others = new ArrayList<>();
    for (String runId : new LinkedHashSet<>(runIds)) {
      CompletableFuture<Set<RunPoint>> f = new CompletableFuture<>();
      CompletableFuture<Set<RunPoint>> prev = histories.putIfAbsent(new RunKey(runId, key), f);
      if (prev == null) {
        mine.put(runId, f);
      } else {
        others.add(prev);
      }
    }
    try {
      if (!mine.isEmpty()) {
        fetchHistories(key, mine);
      }
    } catch (RuntimeException | Error e) {
      mine.values().forEach(f -> f.completeExceptionally(e));
      throw e;
    }
    for (CompletableFuture<Set<RunPoint>> f : others) {
      join(f);
    }
  }

  private void fetchHistories(String key, Map<String, CompletableFuture<Set<RunPoint>>> wanted) {
    Deque<String> todo = new ArrayDeque<>(wanted.keySet());
    while (!todo.isEmpty()) {
      if (todo.size() == 1 || !bulkAvailable) {
        String runId = todo.pollFirst();
        wanted.get(runId).complete(pagedHistory(runId, key));
        continue;
      }
      List<String> batch = new ArrayList<>();
      while (!todo.isEmpty() && batch.size() < MlflowClient.MAX_HISTORY_BULK_RUNS) {
        batch.add(todo.pollFirst());
      }
      List<Metric> points;
      try {
        points = backend.getMetricHistoryBulk(batch, key, historyPage);
      } catch (MlflowApiException e) {
        if (!e.isEndpointMissing()) {
          throw e;
        }
        bulkAvailable = false;
        batch.forEach(todo::addFirst);
        continue;
      }
      pointsRead.addAndGet(points.size());
      Map<String, Set<RunPoint>> byRun = new LinkedHashMap<>();
      for (Metric m : points) {
        byRun.computeIfAbsent(m.runId(), k -> new HashSet<>()).add(RunPoint.of(m));
      }
      if (points.size() < historyPage) {
        for (String runId : batch) {
          wanted.get(runId).complete(byRun.getOrDefault(runId, new HashSet<>()));
        }
        continue;
      }
      // Cut at historyPage points: the last run present may be incomplete; runs absent from
      // the answer are unknown (they may sort after the cut).
      String last = points.get(points.size() - 1).runId();
      for (String runId : batch) {
        if (runId.equals(last)) {
          wanted.get(runId).complete(pagedHistory(runId, key));
        } else if (byRun.containsKey(runId)) {
          wanted.get(runId).complete(byRun.get(runId));
        } else {
          todo.addLast(runId);
        }
      }
    }
  }

  private Set<RunPoint> pagedHistory(String runId, String key) {
    Set<RunPoint> points = new HashSet<>();
    String token = null;
    do {
      Page<Metric> page = backend.getMetricHistory(runId, key, historyPage, token);
      for (Metric m : page.items()) {
        points.add(RunPoint.of(m));
      }
      pointsRead.addAndGet(page.items().size());
      token = page.nextPageToken();
    } while (token != null);
    return points;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private static <K, V> V load(Map<K, CompletableFuture<V>> map, K key, Supplier<V> fetch) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> f = map.putIfAbsent(key, mine);
    if (f == null) {
      try {
        mine.complete(fetch.get());
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      }
      f = mine;
    }
    return join(f);
  }

  private static <V> V join(CompletableFuture<V> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new MlflowTablesException("reading the server's state failed: " + cause, cause);
    }
  }

  private static <V> V doneValue(CompletableFuture<V> f) {
    return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
  }
}
