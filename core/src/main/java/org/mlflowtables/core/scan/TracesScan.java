package org.mlflowtables.core.scan;

import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.TraceApi;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.SearchTracesRequest;
import org.mlflowtables.core.client.model.TraceInfo;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/**
 * Scans MLflow 3's search-traces (v3) and turns each page of traces into rows
 * ({@link TraceExpansion}). The endpoint needs experiment ids, so without an experiment predicate
 * every experiment is listed first. A full scan pages in request-time order: page tokens are
 * offsets, and traces logged while it pages start later, so they land behind it. A server without
 * the endpoint (MLflow 2) gets a clear error.
 */
final class TracesScan extends TableScan {
  private static final long serialVersionUID = 1L;
  /** The order of a full scan; the server appends request_id ASC. */
  private static final List<String> BY_REQUEST_TIME = List.of("timestamp_ms ASC");

  private final String table;
  private final TraceExpansion expansion;
  private final String filter;
  private final List<String> orderBy; // empty: a full scan
  private final Long limit;
  private final List<String> experimentIds; // null: all experiments

  TracesScan(String table, TraceExpansion expansion, String filter, List<String> orderBy,
      Long limit, List<String> experimentIds) {
    this.table = table;
    this.expansion = expansion;
    this.filter = filter;
    this.orderBy = List.copyOf(orderBy);
    this.limit = limit;
    this.experimentIds = experimentIds == null ? null : List.copyOf(experimentIds);
  }

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    return ExperimentIds.partsOf(client, experimentIds, limit != null, maxParts, counters);
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    List<String> ids = ((ExperimentGroupPart) part).experimentIds();
    int pageSize = client.config().pageSizeFor(TraceApi.MAX_SEARCH_PAGE);
    TraceApi api = client.traces();
    // the next page is asked for while the engine reads this one
    Iterator<List<TraceInfo>> pages = resources.register(new PrefetchingIterator<>(
        new RunsScan.ChainedIterator<>(ExperimentIds.chunks(ids).iterator(),
            chunk -> pages(api, chunk, pageSize, counters))));
    return new RunsScan.ChainedIterator<>(pages, expansion.open(client, counters, resources));
  }

  /** The pages of one request's experiments, cut at the limit. */
  private Iterator<List<TraceInfo>> pages(TraceApi api, List<String> chunk, int pageSize,
      ScanCounters counters) {
    long[] left = {limit == null ? Long.MAX_VALUE : limit};
    List<String> order = orderBy.isEmpty() ? BY_REQUEST_TIME : orderBy;
    return Pages.pages(token -> {
      int size = (int) Math.min(pageSize, left[0]);
      Page<TraceInfo> page;
      try {
        page = api.search(new SearchTracesRequest(chunk, filter, size, order, token));
      } catch (MlflowApiException e) {
        throw Mlflow3Only.error(table, "search-traces (v3)", e);
      }
      counters.page();
      List<TraceInfo> traces = page.items();
      if (traces.size() > left[0]) {
        traces = traces.subList(0, (int) left[0]);
      }
      left[0] -= traces.size();
      return new Page<>(traces, left[0] > 0 ? page.nextPageToken() : null);
    });
  }

  @Override
  String describe() {
    return "search-traces(experiments=" + (experimentIds == null ? "all" : experimentIds)
        + (filter == null ? "" : ", filter=" + filter)
        + (orderBy.isEmpty() ? "" : ", order_by=" + orderBy)
        + (limit == null ? "" : ", max_results=" + limit) + ")" + expansion.describe();
  }
}
