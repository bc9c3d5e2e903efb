package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.SearchRunsRequest;

/**
 * The runs of a group of experiments, page by page, each run exactly once even while runs are
 * created during the scan.
 *
 * <p>MLflow's page tokens are offsets, so a run inserted before the current offset would shift
 * every later row and one would be seen twice. A full scan therefore walks the runs by
 * {@code start_time} ascending (MLflow breaks ties by run id) and asks each next page with
 * {@code attributes.start_time >= T}, where T is the last start time seen, skipping the runs
 * already seen at T. New runs start later than the scan's pages, so they land behind it. When a whole
 * page shares one start time, the server's token continues that stretch.
 *
 * <p>Streams walk finished runs the same way by {@code end_time} ({@link Keyset#END_TIME}), from a
 * first bound on: a run ending during the walk ends later than the pages already read.
 *
 * <p>A pushed top-N asks the server's order and stops at the limit.
 */
final class RunPages implements Iterator<List<Run>> {
  /** The attribute a walk is ordered by. */
  enum Keyset {
    START_TIME("start_time"),
    END_TIME("end_time");

    private final String attribute;

    Keyset(String attribute) {
      this.attribute = attribute;
    }

    Long of(Run run) {
      return this == START_TIME ? run.info().startTime() : run.info().endTime();
    }
  }

  private final MlflowClient client;
  private final List<String> experimentIds;
  private final RunsQuery query;
  private final int pageSize;
  private final ScanCounters counters;
  private final Keyset keyset;

  private long remaining;
  private boolean done;
  private String pageToken;
  private Long lastStart;
  private Long bound; // the start-time bound of the current request chain
  private final Set<String> seenAtLastStart = new HashSet<>();
  private List<Run> next;

  RunPages(MlflowClient client, List<String> experimentIds, RunsQuery query, int pageSize,
      ScanCounters counters) {
    this(client, experimentIds, query, pageSize, counters, Keyset.START_TIME, null);
  }

  /**
   * A walk by {@code keyset} from {@code from} (inclusive; null for the first run). Runs without a
   * value of the keyset attribute (unfinished runs for END_TIME) are left out when {@code from} is
   * set.
   */
  RunPages(MlflowClient client, List<String> experimentIds, RunsQuery query, int pageSize,
      ScanCounters counters, Keyset keyset, Long from) {
    this(client, experimentIds, query, pageSize, counters, keyset, from, Set.of());
  }

  /**
   * A walk that goes on from where another stopped: from {@code from}, leaving out the runs at
   * {@code from} that walk has already given ({@code seenAtFrom}).
   */
  RunPages(MlflowClient client, List<String> experimentIds, RunsQuery query, int pageSize,
      ScanCounters counters, Keyset keyset, Long from, Set<String> seenAtFrom) {
    this.seenAtLastStart.addAll(seenAtFrom);
    this.client = client;
    this.experimentIds = List.copyOf(experimentIds);
    this.query = query;
    this.remaining = query.limit() == null ? Long.MAX_VALUE : query.limit();
    this.pageSize = pageSize;
    this.counters = counters;
    this.keyset = keyset;
    this.lastStart = from;
    this.done = experimentIds.isEmpty() || remaining <= 0;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      next = query.isTopN() ? fetchTopN() : fetchByStartTime();
      if (next != null && next.isEmpty() && !done) {
        next = null;
      }
    }
    return next != null && !next.isEmpty();
  }

  @Override
  public List<Run> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<Run> page = next;
    next = null;
    return page;
  }

  /** Whether every page has been handed out: nothing is left to ask for. */
  boolean exhausted() {
    return done && next == null;
  }

  /** The last start (keyset value) handed out so far, or null before the first page. */
  Long lastStart() {
    return lastStart;
  }

  /** The runs handed out so far whose start is {@link #lastStart()}. */
  Set<String> seenAtLastStart() {
    return Set.copyOf(seenAtLastStart);
  }

  private List<Run> fetchTopN() {
    int size = (int) Math.min(pageSize, remaining);
    Page<Run> page = client.searchRuns(new SearchRunsRequest(experimentIds, query.filter(),
        query.viewType(), size, query.orderBy(), pageToken));
    counters.page();
    List<Run> runs = page.items();
    if (runs.size() > remaining) {
      runs = runs.subList(0, (int) remaining);
    }
    remaining -= runs.size();
    pageToken = page.nextPageToken();
    done = pageToken == null || remaining <= 0;
    return runs;
  }

  private List<Run> fetchByStartTime() {
    if (pageToken == null) {
      bound = lastStart;
    }
    String filter = query.filter();
    if (bound != null) {
      String clause = "attributes." + keyset.attribute + " >= " + bound;
      filter = filter == null ? clause : filter + " AND " + clause;
    }
    List<String> order = List.of("attributes." + keyset.attribute + " ASC");
    Page<Run> page = client.searchRuns(new SearchRunsRequest(experimentIds, filter,
        query.viewType(), pageSize, order, pageToken));
    counters.page();
    Long before = lastStart;
    List<Run> fresh = new ArrayList<>(page.items().size());
    for (Run run : page.items()) {
      Long start = keyset.of(run);
      String id = run.info().runId();
      if (start != null && start.equals(lastStart) && seenAtLastStart.contains(id)) {
        continue;
      }
      if (start != null && (lastStart == null || start > lastStart)) {
        lastStart = start;
        seenAtLastStart.clear();
      }
      if (start != null && start.equals(lastStart)) {
        seenAtLastStart.add(id);
      }
      fresh.add(run);
    }
    if (page.isLast()) {
      done = true;
    } else if (lastStart != null && !lastStart.equals(before)) {
      pageToken = null; // the next page starts from the new start-time bound
    } else {
      pageToken = page.nextPageToken(); // a whole page at one start time: follow the offset
    }
    return fresh;
  }
}
