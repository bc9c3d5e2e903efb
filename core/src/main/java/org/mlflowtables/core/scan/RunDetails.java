package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * Gets runs one by one, {@code maxInFlight} at a time, for what search-runs leaves out (a run's
 * model inputs). Keeps the order of the runs it is given.
 */
final class RunDetails implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final MlflowClient client;
  private final ScanCounters counters;
  private final ExecutorService pool;

  RunDetails(MlflowClient client, int maxInFlight, ScanCounters counters) {
    this.client = client;
    this.counters = counters;
    this.pool = Executors.newFixedThreadPool(maxInFlight, r -> {
      Thread t = new Thread(r, "mlflow-get-run-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  List<Run> full(List<Run> runs) {
    List<Future<Run>> futures = new ArrayList<>(runs.size());
    for (Run r : runs) {
      futures.add(pool.submit(() -> {
        Run full = client.getRun(r.info().runId());
        counters.page();
        return full;
      }));
    }
    List<Run> out = new ArrayList<>(runs.size());
    try {
      for (Future<Run> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowTablesException("Interrupted while reading run inputs", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new MlflowTablesException("Reading run inputs failed", e.getCause());
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
