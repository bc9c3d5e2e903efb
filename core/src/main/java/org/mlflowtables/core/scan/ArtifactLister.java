package org.mlflowtables.core.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlflowtables.core.catalog.RunArtifact;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.FileInfo;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;

/**
 * Lists the artifacts of runs recursively: per run, list-artifacts of its root and then of each
 * directory found, following page tokens; {@code maxInFlight} runs at once, results in the order
 * of the runs.
 */
final class ArtifactLister implements AutoCloseable {
  private final MlflowClient client;
  private final ScanCounters counters;
  private final OrderedCalls calls;

  ArtifactLister(MlflowClient client, ScanCounters counters) {
    this.client = client;
    this.counters = counters;
    this.calls = new OrderedCalls("mlflow-artifacts", client.config().maxInFlight());
  }

  /** Every file and directory of each run, a run at a time. */
  Iterator<List<RunArtifact>> files(List<Run> runs) {
    List<Callable<List<RunArtifact>>> tasks = new ArrayList<>(runs.size());
    for (Run r : runs) {
      tasks.add(() -> list(r.info().runId(), r.info().experimentId()));
    }
    return calls.results(tasks, "listing artifacts");
  }

  private List<RunArtifact> list(String runId, String experimentId) {
    List<RunArtifact> out = new ArrayList<>();
    Deque<String> dirs = new ArrayDeque<>();
    String dir = null; // the run's root
    do {
      String token = null;
      do {
        Page<FileInfo> page = client.listArtifacts(runId, dir, token);
        counters.page();
        for (FileInfo f : page.items()) {
          out.add(new RunArtifact(runId, experimentId, f));
          if (Boolean.TRUE.equals(f.isDir())) {
            dirs.add(f.path());
          }
        }
        token = page.nextPageToken();
      } while (token != null);
      dir = dirs.poll();
    } while (dir != null);
    return out;
  }

  @Override
  public void close() {
    calls.close();
  }
}
