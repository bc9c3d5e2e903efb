package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.RunArtifact;
import org.mlflowtables.core.catalog.RunMetric;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;

/**
 * How a page of runs becomes a table's rows: each run as search-runs sent it, each run as get-run
 * sends it (what search-runs leaves out: model inputs), the full histories of the runs' metrics,
 * or the runs' artifacts. Serializable with its scan.
 */
abstract class RunExpansion implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Opens the expansion for one part; {@code resources} closes what it starts.
   *
   * @param runsAreFull the runs come from get-run already (a scan by run id)
   * @param partsInScan how many parts the scan was split into (they may be read at once)
   */
  abstract Function<List<Run>, Iterator<Object[]>> open(MlflowClient client,
      ScanCounters counters, Resources resources, boolean runsAreFull, int partsInScan);

  /** The requests it adds to the search, for plans ("" for none). */
  abstract String describe(boolean runsAreFull);

  /**
   * Whether it sends requests of its own for the runs of a search (get-run, get-history-bulk,
   * list-artifacts), up to {@code maxInFlight} at once: those, not the search, are then the read's
   * work.
   */
  abstract boolean sendsRequests();

  static RunExpansion each(RowMapper<Run> rows) {
    return new Each(rows, false);
  }

  static RunExpansion inFull(RowMapper<Run> rows) {
    return new Each(rows, true);
  }

  /** @param keys the metric keys to read, null for all */
  static RunExpansion histories(RowMapper<RunMetric> rows, Set<String> keys) {
    return new Histories(rows, keys);
  }

  static RunExpansion artifacts(RowMapper<RunArtifact> rows) {
    return new Artifacts(rows);
  }

  /** Rows of each run, after a get-run each when {@code inFull}. */
  private static final class Each extends RunExpansion {
    private static final long serialVersionUID = 1L;

    private final RowMapper<Run> rows;
    private final boolean inFull;

    Each(RowMapper<Run> rows, boolean inFull) {
      this.rows = rows;
      this.inFull = inFull;
    }

    @Override
    Function<List<Run>, Iterator<Object[]>> open(MlflowClient client, ScanCounters counters,
        Resources resources, boolean runsAreFull, int partsInScan) {
      if (!inFull || runsAreFull) {
        return runs -> rowsOf(runs).iterator();
      }
      // one get-run per run, in parallel
      RunDetails details = resources.register(
          new RunDetails(client, client.config().maxInFlight(), counters));
      return runs -> rowsOf(details.full(runs)).iterator();
    }

    private List<Object[]> rowsOf(List<Run> runs) {
      List<Object[]> out = new ArrayList<>(runs.size());
      for (Run run : runs) {
        rows.addRows(run, out);
      }
      return out;
    }

    @Override
    String describe(boolean runsAreFull) {
      return inFull && !runsAreFull ? " + get-run per run" : "";
    }

    @Override
    boolean sendsRequests() {
      return inFull;
    }
  }

  /** Every point of the runs' metric keys (all, or those named). */
  private static final class Histories extends RunExpansion {
    private static final long serialVersionUID = 1L;

    private final RowMapper<RunMetric> rows;
    private final Set<String> keys; // null: every key

    Histories(RowMapper<RunMetric> rows, Set<String> keys) {
      this.rows = rows;
      this.keys = keys == null ? null : Set.copyOf(keys);
    }

    @Override
    Function<List<Run>, Iterator<Object[]>> open(MlflowClient client, ScanCounters counters,
        Resources resources, boolean runsAreFull, int partsInScan) {
      int maxInFlight = client.config().maxInFlight();
      HistoryReader reader = resources.register(new HistoryReader(client, maxInFlight, counters));
      // Requests are sized for the part's share of the server's parallelism, as if the scan's
      // parts (Spark's partitions) were read at once, while each part still keeps up to
      // maxInFlight in flight: at 1 M points (requests at the cap either way) 16 in flight beat 8
      // (docs/benchmarks.md).
      int sizingSlots = HistoryReader.sizingSlots(maxInFlight, partsInScan);
      return runs -> {
        Map<String, String> experimentOf = new HashMap<>();
        for (Run r : runs) {
          experimentOf.put(r.info().runId(), r.info().experimentId());
        }
        Iterator<List<Metric>> histories = reader.histories(runs,
            key -> keys == null || keys.contains(key), sizingSlots);
        return new RunsScan.ChainedIterator<>(histories, points -> {
          List<Object[]> out = new ArrayList<>(points.size());
          for (Metric m : points) {
            rows.addRows(new RunMetric(experimentOf.get(m.runId()), m), out);
          }
          return out.iterator();
        });
      };
    }

    @Override
    String describe(boolean runsAreFull) {
      if (runsAreFull) {
        return " + get-history";
      }
      return " + get-history" + (keys == null ? "(all keys)" : "(keys=" + new TreeSet<>(keys)
          + ")");
    }

    @Override
    boolean sendsRequests() {
      return true;
    }
  }

  /** Every file and directory of the runs' artifacts, listed recursively. */
  private static final class Artifacts extends RunExpansion {
    private static final long serialVersionUID = 1L;

    private final RowMapper<RunArtifact> rows;

    Artifacts(RowMapper<RunArtifact> rows) {
      this.rows = rows;
    }

    @Override
    Function<List<Run>, Iterator<Object[]>> open(MlflowClient client, ScanCounters counters,
        Resources resources, boolean runsAreFull, int partsInScan) {
      ArtifactLister lister = resources.register(new ArtifactLister(client, counters));
      return runs -> new RunsScan.ChainedIterator<>(lister.files(runs), files -> {
        List<Object[]> out = new ArrayList<>(files.size());
        for (RunArtifact f : files) {
          rows.addRows(f, out);
        }
        return out.iterator();
      });
    }

    @Override
    String describe(boolean runsAreFull) {
      return " + list-artifacts per run and directory";
    }

    @Override
    boolean sendsRequests() {
      return true;
    }
  }
}
