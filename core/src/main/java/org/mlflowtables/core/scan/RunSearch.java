package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;

/**
 * The runs of a search-runs filter, one by one and lazily, for incremental readers (streams) that
 * walk runs by when they ended or started: each run exactly once while runs are created and
 * finished during the walk ({@link RunPages}), in ascending order of the walk's attribute across
 * every experiment (groups of 100 experiments, one request chain each, are merged).
 */
public final class RunSearch {
  /** The attribute runs are walked by. */
  public enum Order {
    /** By start time; every run. */
    START_TIME(RunPages.Keyset.START_TIME),
    /** By end time; only runs that have one (finished, or resumed after finishing). */
    END_TIME(RunPages.Keyset.END_TIME);

    private final RunPages.Keyset keyset;

    Order(RunPages.Keyset keyset) {
      this.keyset = keyset;
    }
  }

  private RunSearch() {}

  /**
   * The runs matching {@code filter}, in ascending {@code order} from {@code from} on (inclusive;
   * null for START_TIME from the first run).
   *
   * @param experimentIds the experiments searched, or null for every experiment (listed first)
   * @param filter an MLflow filter string, or null
   * @param counters counts the requests and pages
   */
  public static Iterator<Run> runs(MlflowClient client, List<String> experimentIds,
      String filter, ViewType view, Order order, Long from, ScanCounters counters) {
    List<String> ids = experimentIds != null
        ? ExperimentIds.existing(client, experimentIds, counters)
        : ExperimentIds.all(client, counters);
    int pageSize = client.config().pageSizeFor(MlflowClient.DEFAULT_RUNS_PAGE,
        MlflowClient.MAX_RUNS_PAGE);
    RunsQuery query = new RunsQuery(filter, view, List.of(), null);
    List<Iterator<Run>> chains = new ArrayList<>();
    for (List<String> chunk : ExperimentIds.chunks(ids)) {
      chains.add(new RunsScan.ChainedIterator<>(
          new RunPages(client, chunk, query, pageSize, counters, order.keyset, from),
          List::iterator));
    }
    if (chains.isEmpty()) {
      return Collections.emptyIterator();
    }
    return chains.size() == 1 ? chains.get(0) : new Merged(chains, order.keyset);
  }

  /** Several ordered walks as one, in order (a run is in one walk only: its experiment's). */
  private static final class Merged implements Iterator<Run> {
    private record Head(Run run, Iterator<Run> rest) {}

    private final PriorityQueue<Head> heads;

    Merged(List<Iterator<Run>> walks, RunPages.Keyset keyset) {
      this.heads = new PriorityQueue<>(Comparator.comparing(
          (Head h) -> keyset.of(h.run()), Comparator.nullsLast(Comparator.naturalOrder())));
      for (Iterator<Run> w : walks) {
        if (w.hasNext()) {
          heads.add(new Head(w.next(), w));
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heads.isEmpty();
    }

    @Override
    public Run next() {
      Head h = heads.poll();
      if (h == null) {
        throw new NoSuchElementException();
      }
      if (h.rest().hasNext()) {
        heads.add(new Head(h.rest().next(), h.rest()));
      }
      return h.run();
    }
  }
}
