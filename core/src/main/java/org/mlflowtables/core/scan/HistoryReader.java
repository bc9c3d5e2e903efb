package org.mlflowtables.core.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Reads the full histories of the metric keys of a batch of runs, with at most {@code maxInFlight}
 * requests at once. Uses get-history-bulk (up to 100 runs and 25 000 points a request) where the
 * server has it, and the paged get-history otherwise or for a run whose history alone fills a bulk
 * answer. Requests are sized by the points they are expected to return, not by runs, so that the
 * batch is spread over its share of the requests the server serves at once ({@link #plan},
 * {@link #sizingSlots}); an answer cut at the cap is continued where it was cut. Results come
 * back in a fixed order (key by key, as the runs list them), and up to {@code maxInFlight}
 * answers that came early wait for an earlier one while the next requests go: a window of
 * {@code 2 * maxInFlight} tasks, of which the pool's {@code maxInFlight} threads send at most
 * that many at once. (A window of {@code maxInFlight} left a slot idle behind every slow answer
 * at its head.) Memory holds at most the window's answers.
 */
final class HistoryReader implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * The requests {@code mlflow server} serves at once as users start it: its default 4 uvicorn
   * workers.
   */
  static final int SERVER_WORKERS = 4;

  private final MlflowClient client;
  private final int historyPage;
  private final ScanCounters counters;
  private final int maxInFlight;
  private final ExecutorService pool;
  private final AtomicBoolean bulkMissing = new AtomicBoolean();

  HistoryReader(MlflowClient client, int maxInFlight, ScanCounters counters) {
    this.client = client;
    this.historyPage = client.config().pageSizeFor(MlflowClient.MAX_HISTORY_PAGE);
    this.counters = counters;
    this.maxInFlight = maxInFlight;
    this.pool = Executors.newFixedThreadPool(maxInFlight, r -> {
      Thread t = new Thread(r, "mlflow-history-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** One unit of work: one key's history for up to 100 runs. */
  record Task(String key, List<String> runIds, long expectedPoints) {}

  /**
   * The points of every (run, key) of these runs whose key passes {@code keyFilter}, as lists of
   * points that each carry their run id; requests sized for {@code sizingSlots} in flight
   * ({@link #plan}), at most {@code maxInFlight} of them sent at once.
   */
  Iterator<List<Metric>> histories(List<Run> runs, Predicate<String> keyFilter,
      int sizingSlots) {
    return histories(plan(runs, keyFilter, sizingSlots));
  }

  /** The points of the given tasks' runs and keys, task by task, in the tasks' order. */
  Iterator<List<Metric>> histories(List<Task> planned) {
    Deque<Task> tasks = new ArrayDeque<>(planned);
    return new Iterator<>() {
      private final Deque<Future<List<Metric>>> inFlight = new ArrayDeque<>();

      private void fill() {
        while (inFlight.size() < 2 * maxInFlight && !tasks.isEmpty()) {
          Task t = tasks.poll();
          inFlight.add(pool.submit(() -> read(t)));
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
      }

      @Override
      public List<Metric> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<Metric> points = PrefetchingIterator.await(inFlight.poll(),
            "reading metric history");
        fill();
        return points;
      }
    };
  }

  /**
   * The requests for these runs: per key, runs in id order packed into requests of at most 100
   * runs and about {@code min(24 999, total / slots)} expected points, so that a batch makes at
   * least {@code slots} requests when it has the points for them. No request of several
   * runs expects as many points as the endpoint's cap: an answer of exactly 25 000 points cannot
   * be told from one cut there, and is asked again from its last run (25 runs of 1 000 points took
   * two requests each). A run and key expect as many points as its latest step says (steps 0..n);
   * a history denser than that is still read whole, only in more requests.
   */
  static List<Task> plan(List<Run> runs, Predicate<String> keyFilter, int slots) {
    Map<String, Map<String, Long>> expectedByKey = new LinkedHashMap<>();
    long total = 0;
    for (Run run : runs) {
      for (Metric latest : run.data().metrics()) {
        if (keyFilter.test(latest.key())) {
          long expected = expectedPoints(latest);
          expectedByKey.computeIfAbsent(latest.key(), k -> new TreeMap<>())
              .put(run.info().runId(), expected);
          total += expected;
        }
      }
    }
    long target = Math.min(MlflowClient.MAX_HISTORY_PAGE - 1,
        Math.max(1, (total + slots - 1) / slots));
    List<Task> tasks = new ArrayList<>();
    expectedByKey.forEach((key, byRun) -> {
      List<String> ids = new ArrayList<>();
      long points = 0;
      for (Map.Entry<String, Long> e : byRun.entrySet()) {
        if (!ids.isEmpty() && (points + e.getValue() > target
            || ids.size() == MlflowClient.MAX_HISTORY_BULK_RUNS)) {
          tasks.add(new Task(key, List.copyOf(ids), points));
          ids.clear();
          points = 0;
        }
        ids.add(e.getKey());
        points += e.getValue();
      }
      if (!ids.isEmpty()) {
        tasks.add(new Task(key, List.copyOf(ids), points));
      }
    });
    return tasks;
  }

  /**
   * The requests in flight one part of a scan sizes its history requests for: its share of
   * {@code maxInFlight}, but of no more than {@link #SERVER_WORKERS}. More, smaller requests than
   * the server serves at once only add requests: the server's time for the same points grows
   * with their number (100 000 points on one worker: 10 requests took 5 to 27 % longer than 5,
   * at 1 to 8 in flight; a 2-part read of 100 000 points on four workers, 20 requests of ~5 000
   * points, lost to 10 of ~10 000; docs/benchmarks.md).
   */
  static int sizingSlots(int maxInFlight, int partsInScan) {
    return Math.max(1, Math.min(maxInFlight, SERVER_WORKERS) / partsInScan);
  }

  /** Points a run's history of a key is expected to hold, from its latest point's step. */
  static long expectedPoints(Metric latest) {
    long step = latest.step();
    return step >= MlflowClient.MAX_HISTORY_PAGE ? MlflowClient.MAX_HISTORY_PAGE
        : Math.max(1, step + 1);
  }

  private List<Metric> read(Task task) {
    List<Metric> out = new ArrayList<>();
    List<String> remaining = task.runIds();
    while (!remaining.isEmpty()) {
      if (bulkMissing.get()) {
        for (String runId : remaining) {
          out.addAll(paged(runId, task.key()));
        }
        return out;
      }
      List<Metric> points;
      try {
        points = client.getMetricHistoryBulk(remaining, task.key(), MlflowClient.MAX_HISTORY_PAGE);
        counters.page();
      } catch (MlflowApiException e) {
        if (e.isEndpointMissing()) {
          bulkMissing.set(true);
          continue;
        }
        throw e;
      }
      if (points.size() < MlflowClient.MAX_HISTORY_PAGE) {
        out.addAll(points);
        return out;
      }
      // The answer was cut at the cap: keep the runs it finished, ask again from the last one.
      String last = points.get(points.size() - 1).runId();
      if (last.equals(remaining.get(0))) {
        out.addAll(paged(last, task.key()));
        remaining = remaining.subList(1, remaining.size());
        continue;
      }
      for (Metric p : points) {
        if (p.runId().compareTo(last) < 0) {
          out.add(p);
        }
      }
      int from = remaining.indexOf(last);
      remaining = remaining.subList(from, remaining.size());
    }
    return out;
  }

  private List<Metric> paged(String runId, String key) {
    List<Metric> out = new ArrayList<>();
    String token = null;
    do {
      Page<Metric> page = client.getMetricHistory(runId, key, historyPage, token);
      counters.page();
      for (Metric m : page.items()) {
        out.add(new Metric(m.key(), m.value(), m.timestamp(), m.step(), runId, m.modelId(),
            m.datasetName(), m.datasetDigest()));
      }
      token = page.nextPageToken();
    } while (token != null);
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
