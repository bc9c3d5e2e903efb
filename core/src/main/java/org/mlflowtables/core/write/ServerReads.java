package org.mlflowtables.core.write;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;
import org.mlflowtables.core.write.ServerState.RunSnapshot;

/**
 * The reads de-duplication makes: a run (get-run), the histories of one key for some runs, a
 * logged model. Thread-safe and stateless but for two facts learned on the way: whether the
 * server has get-history-bulk, and how many points were read.
 *
 * <p>Histories of several runs come from get-history-bulk (one key, up to {@value
 * MlflowClient#MAX_HISTORY_BULK_RUNS} runs, at most {@value MlflowClient#MAX_HISTORY_PAGE} points
 * in all, sorted by run id, then by timestamp, step and value); nothing is dropped silently: when
 * an answer is cut at that many points, every run in it but the last is complete, and the last one
 * and the runs after it are handed back to be read again. One run's history comes from the paged
 * get-history, followed to its last page; so does every history where the bulk endpoint is
 * missing.
 */
final class ServerReads {

  /**
   * What one history read gave.
   *
   * @param complete the full history of each run it covered (empty for a run without the key)
   * @param again runs to read again, with the points each is known to have at least
   */
  record Histories(Map<String, Set<RunPoint>> complete, Map<String, Integer> again) {}

  private final LogBatchBackend backend;
  private final int page;
  private volatile boolean bulkAvailable = true;
  private final AtomicLong pointsRead = new AtomicLong();

  /** @param page points asked for per history call (the server's cap; tests use less) */
  ServerReads(LogBatchBackend backend, int page) {
    this.backend = backend;
    this.page = page;
  }

  long pointsRead() {
    return pointsRead.get();
  }

  /** Whether get-history-bulk is still believed to exist. */
  boolean bulkAvailable() {
    return bulkAvailable;
  }

  /** Points asked for per history call. */
  int page() {
    return page;
  }

  RunSnapshot run(String runId) {
    return RunSnapshot.of(backend.getRun(runId));
  }

  Map<ModelPointKey, ModelPayload> model(String modelId) {
    LoggedModel model = backend.getLoggedModel(modelId);
    Map<ModelPointKey, ModelPayload> points = new HashMap<>();
    for (Metric m : model.data().metrics()) {
      points.put(ModelPointKey.of(m), ModelPayload.of(m));
    }
    pointsRead.addAndGet(points.size());
    return points;
  }

  /** The histories of one key for these runs (one request, but for a paged history). */
  Histories histories(String key, List<String> runIds) {
    if (runIds.size() == 1 || !bulkAvailable) {
      Map<String, Set<RunPoint>> complete = new LinkedHashMap<>();
      for (String runId : runIds) {
        complete.put(runId, pagedHistory(runId, key));
      }
      return new Histories(complete, Map.of());
    }
    List<Metric> points;
    try {
      points = backend.getMetricHistoryBulk(runIds, key, page);
    } catch (MlflowApiException e) {
      if (!e.isEndpointMissing()) {
        throw e;
      }
      bulkAvailable = false;
      Map<String, Integer> again = new LinkedHashMap<>();
      runIds.forEach(id -> again.put(id, 1));
      return new Histories(Map.of(), again);
    }
    pointsRead.addAndGet(points.size());
    Map<String, Set<RunPoint>> byRun = new LinkedHashMap<>();
    for (Metric m : points) {
      byRun.computeIfAbsent(m.runId(), k -> new HashSet<>()).add(RunPoint.of(m));
    }
    Map<String, Set<RunPoint>> complete = new LinkedHashMap<>();
    Map<String, Integer> again = new LinkedHashMap<>();
    // Cut at the page: the last run present may be incomplete, and runs absent from the answer
    // may sort after the cut.
    String last = points.size() < page ? null : points.get(points.size() - 1).runId();
    for (String runId : runIds) {
      Set<RunPoint> got = byRun.get(runId);
      if (runId.equals(last)) {
        again.put(runId, got.size() + 1);
      } else if (got != null || last == null) {
        complete.put(runId, got == null ? new HashSet<>() : got);
      } else {
        again.put(runId, 1);
      }
    }
    return new Histories(complete, again);
  }

  private Set<RunPoint> pagedHistory(String runId, String key) {
    Set<RunPoint> points = new HashSet<>();
    String token = null;
    do {
      Page<Metric> p = backend.getMetricHistory(runId, key, page, token);
      for (Metric m : p.items()) {
        points.add(RunPoint.of(m));
      }
      pointsRead.addAndGet(p.items().size());
      token = p.nextPageToken();
    } while (token != null);
    return points;
  }
}
