package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;

/**
 * Scans search-runs and turns each page of runs into rows of a table read from runs
 * ({@link RunExpansion}: from the runs themselves, from get-run, or from their metric histories).
 * Parts are ranges of start time over the experiments in scope (groups of experiments when they are
 * too many for one request); without an experiment predicate every experiment is covered.
 */
final class RunsScan extends TableScan {
  private static final long serialVersionUID = 1L;

  private final RunExpansion expansion;
  private final RunsQuery query;
  private final List<String> experimentIds; // null: all experiments
  private final List<String> runIds; // get-run by id instead of searching; null to search

  RunsScan(RunExpansion expansion, RunsQuery query, List<String> experimentIds,
      List<String> runIds) {
    this.expansion = expansion;
    this.query = query;
    this.experimentIds = experimentIds == null ? null : List.copyOf(experimentIds);
    this.runIds = runIds == null ? null : List.copyOf(runIds);
  }

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    if (runIds != null) {
      return runIds.isEmpty() ? List.of() : List.of(new SinglePart());
    }
    List<String> ids = experimentsInScope(client, counters);
    if (ids.isEmpty()) {
      return List.of();
    }
    // A top-N is one ordered request: splitting it would multiply the rows asked for.
    if (query.isTopN() || maxParts <= 1) {
      return ExperimentIds.groupParts(ids, 1);
    }
    // Experiments differ in size, so groups of them make unequal parts, and the scan lasts as long
    // as its largest. While every part can still name all the experiments in one request, split
    // by start time instead; beyond that, a time split would multiply the requests.
    if (ids.size() > ExperimentIds.PER_REQUEST) {
      return ExperimentIds.groupParts(ids, maxParts);
    }
    Long first = null;
    if (expansion.sendsRequests()) {
      // An expansion keeps maxInFlight requests going from one part, sized for the scan's parts:
      // runs that fit in one page are one part, which sizes its requests for all of them (a
      // history read of 20 runs in two parts made 10 get-history-bulk requests, in one part 5).
      // The page, in start-time order, also gives the first start time the split needs.
      Page<Run> page = edgeRuns(client, ids, "ASC", Math.min(FIRST_PAGE, pageSize(client)),
          counters);
      if (page.items().isEmpty() || page.nextPageToken() == null) {
        return ExperimentIds.groupParts(ids, 1);
      }
      first = page.items().get(0).info().startTime();
    }
    return startTimeRanges(client, ids, maxParts, first, counters);
  }

  /** The experiments named by the query that exist, or every experiment when it names none. */
  private List<String> experimentsInScope(MlflowClient client, ScanCounters counters) {
    return experimentIds != null
        ? ExperimentIds.existing(client, experimentIds, counters)
        : ExperimentIds.all(client, counters);
  }

  /**
   * Splits the runs by start time, into ranges of equal width between the first and the last
   * start (two one-row requests find them, sent at once; the last alone when the first is known).
   * Every run falls in exactly one range (MLflow always sets a start time).
   */
  private List<ScanPart> startTimeRanges(MlflowClient client, List<String> ids, int maxParts,
      Long knownFirst, ScanCounters counters) {
    CompletableFuture<Long> lastStart = CompletableFuture.supplyAsync(
        () -> edgeStartTime(client, ids, "DESC", counters), EDGE_PROBES);
    Long first = knownFirst != null ? knownFirst : edgeStartTime(client, ids, "ASC", counters);
    Long last;
    try {
      last = lastStart.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
    if (first == null || last == null || last - first < maxParts) {
      return ExperimentIds.groupParts(ids, 1);
    }
    List<ScanPart> parts = new ArrayList<>(maxParts);
    long width = (last - first) / maxParts + 1;
    for (int i = 0; i < maxParts; i++) {
      Long from = i == 0 ? null : first + i * width;
      Long to = i == maxParts - 1 ? null : first + (i + 1) * width;
      parts.add(new StartTimeRangePart(i, maxParts, ids, from, to));
    }
    return parts;
  }

  /** Sends the second edge probe while the first is on its way; its threads end 1 s after. */
  private static final Executor EDGE_PROBES = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1,
      TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "mlflow-edge-probe");
        t.setDaemon(true);
        return t;
      });

  private Long edgeStartTime(MlflowClient client, List<String> ids, String direction,
      ScanCounters counters) {
    List<Run> runs = edgeRuns(client, ids, direction, 1, counters).items();
    return runs.isEmpty() ? null : runs.get(0).info().startTime();
  }

  /** The first {@code max} runs of the query in start-time order ({@code ASC} or {@code DESC}). */
  private Page<Run> edgeRuns(MlflowClient client, List<String> ids, String direction, int max,
      ScanCounters counters) {
    Page<Run> page = client.searchRuns(new org.mlflowtables.core.client.model.SearchRunsRequest(
        ids, query.filter(), query.viewType(), max,
        List.of("attributes.start_time " + direction), null));
    counters.page();
    return page;
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    Iterator<List<Run>> pages;
    int partsInScan = 1;
    if (runIds != null) {
      pages = List.of(runsById(client, counters)).iterator();
    } else {
      List<String> ids;
      RunsQuery partQuery = query;
      if (part instanceof StartTimeRangePart range) {
        ids = range.experimentIds();
        partQuery = query.withFilter(range.restrict(query.filter()));
        partsInScan = range.count();
      } else {
        ExperimentGroupPart group = (ExperimentGroupPart) part;
        ids = group.experimentIds();
        partsInScan = group.count();
      }
      int pageSize = pageSize(client);
      RunsQuery q = partQuery;
      // a range that goes on from a first page read alone starts where that page stopped
      Set<String> seen = part instanceof StartTimeRangePart r ? r.seenAtFrom() : Set.of();
      Long from = seen.isEmpty() ? null : ((StartTimeRangePart) part).from();
      // the next page is asked for while the engine reads this one
      pages = resources.register(new PrefetchingIterator<>(new ChainedIterator<>(
          ExperimentIds.chunks(ids).iterator(),
          chunk -> new RunPages(client, chunk, q, pageSize, counters, RunPages.Keyset.START_TIME,
              from, seen))));
    }
    // get-run already sends runs in full
    return new ChainedIterator<>(pages,
        expansion.open(client, counters, resources, runIds != null, partsInScan));
  }

  private static int pageSize(MlflowClient client) {
    return client.config().pageSizeFor(MlflowClient.DEFAULT_RUNS_PAGE, MlflowClient.MAX_RUNS_PAGE);
  }

  /**
   * Runs a scan read as one stream asks for before it splits: a result this small is one request
   * as with one stream, and a larger one is read at one stream's pace only this far (a page of
   * 1 000 runs with 20 metrics, params and tags each takes the server ~3 s). A split scan whose
   * expansion sends requests is one part when its runs fit in this many.
   */
  private static final int FIRST_PAGE = 100;

  /**
   * Reads a first page of at most {@link #FIRST_PAGE} runs alone, so that a small result costs one
   * request as with one stream; only when more is left does it find the last start time (one more
   * one-row request, sent while the engine reads the first page) and read the rest in {@code
   * streams} ranges of start time at once. A table whose expansion sends requests of its own
   * (histories, get-run, artifacts) reads its runs as one stream: the expansion keeps {@code
   * maxInFlight} requests going from it, and more streams would only add searches and cut the
   * expansion's requests smaller (a history read of 200 runs and 1 M points made 59 requests in
   * two streams against 46 in one; docs/benchmarks.md).
   */
  @Override
  Iterator<Object[]> rowsAtOnce(MlflowClient client, int maxStreams, ScanCounters counters,
      Resources resources) {
    int streams = expansion.sendsRequests() ? 1 : maxStreams;
    if (streams <= 1 || runIds != null || query.isTopN()) {
      return super.rowsAtOnce(client, streams, counters, resources);
    }
    List<String> ids = experimentsInScope(client, counters);
    if (ids.size() > ExperimentIds.PER_REQUEST) {
      return readAtOnce(ExperimentIds.groupParts(ids, streams), client, counters, resources);
    }
    RunPages first = new RunPages(client, ids, query, Math.min(FIRST_PAGE, pageSize(client)),
        counters);
    if (!first.hasNext()) {
      return Collections.emptyIterator();
    }
    Function<List<Run>, Iterator<Object[]>> expand =
        expansion.open(client, counters, resources, false, streams);
    Iterator<Object[]> firstRows = expand.apply(first.next());
    if (first.exhausted()) {
      return firstRows;
    }
    Long from = first.lastStart();
    Supplier<Iterator<Object[]>> rest;
    if (from == null) {
      // no start time to go on from (MLflow always sets one): the rest as one stream, by page token
      rest = () -> new ChainedIterator<>(first, expand);
    } else {
      Set<String> seen = first.seenAtLastStart();
      CompletableFuture<Iterator<Object[]>> ranges = CompletableFuture.supplyAsync(() -> {
        Long last = edgeStartTime(client, ids, "DESC", counters);
        return readAtOnce(rangesFrom(ids, from, seen, last, streams), client, counters, resources);
      }, EDGE_PROBES);
      rest = () -> PrefetchingIterator.await(ranges, "splitting the scan of runs");
    }
    List<Supplier<Iterator<Object[]>>> both = List.of(() -> firstRows, rest);
    return new ChainedIterator<>(both.iterator(), Supplier::get);
  }

  /**
   * The runs from {@code from} on (but those {@code seen} there) in {@code streams} ranges of equal
   * width up to {@code last}; one range when the span is too short to split.
   */
  private static List<ScanPart> rangesFrom(List<String> ids, long from, Set<String> seen,
      Long last, int streams) {
    int n = last == null || last - from < streams ? 1 : streams;
    long width = last == null ? 0 : (last - from) / n + 1;
    List<ScanPart> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Long to = i == n - 1 ? null : from + (i + 1) * width;
      parts.add(new StartTimeRangePart(i, n, ids, from + i * width, to,
          i == 0 ? seen : Set.of()));
    }
    return parts;
  }

  /** The named runs that exist and match the view type, one get-run each. */
  private List<Run> runsById(MlflowClient client, ScanCounters counters) {
    List<Run> runs = new ArrayList<>();
    for (String id : runIds) {
      Run run;
      try {
        run = client.getRun(id);
        counters.page();
      } catch (org.mlflowtables.core.exceptions.MlflowApiException e) {
        if (e.isNotFound()) {
          continue; // no such run: no row, as a search would give
        }
        throw e;
      }
      boolean deleted = "deleted".equals(run.info().lifecycleStage());
      ViewType view = query.viewType();
      if (view == ViewType.ALL || (view == ViewType.DELETED_ONLY) == deleted) {
        runs.add(run);
      }
    }
    return runs;
  }

  @Override
  String describe() {
    if (runIds != null) {
      return "get-run(run_ids=" + runIds + ", view=" + query.viewType() + ")"
          + expansion.describe(true);
    }
    StringBuilder b = new StringBuilder("search-runs");
    b.append("(experiments=").append(experimentIds == null ? "all" : experimentIds);
    if (query.filter() != null) {
      b.append(", filter=").append(query.filter());
    }
    b.append(", view=").append(query.viewType());
    if (!query.orderBy().isEmpty()) {
      b.append(", order_by=").append(query.orderBy());
    }
    if (query.limit() != null) {
      b.append(", max_results=").append(query.limit());
    }
    return b.append(")").append(expansion.describe(false)).toString();
  }

  /** Flattens an iterator of inputs, each expanded lazily into an iterator of outputs. */
  static final class ChainedIterator<I, O> implements Iterator<O> {
    private final Iterator<I> inputs;
    private final Function<I, ? extends Iterator<O>> expand;
    private Iterator<O> current = Collections.emptyIterator();

    ChainedIterator(Iterator<I> inputs, Function<I, ? extends Iterator<O>> expand) {
      this.inputs = inputs;
      this.expand = expand;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (!inputs.hasNext()) {
          return false;
        }
        current = expand.apply(inputs.next());
      }
      return true;
    }

    @Override
    public O next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
