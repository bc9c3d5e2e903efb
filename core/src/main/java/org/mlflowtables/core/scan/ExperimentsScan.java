package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.SearchExperimentsRequest;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/**
 * Scans search-experiments, or gets experiments by id when the filter names them
 * ({@code experiment_id = / IN}).
 */
final class ExperimentsScan extends TableScan {
  private static final long serialVersionUID = 1L;

  private final String filter;
  private final ViewType viewType;
  private final List<String> orderBy;
  private final Long limit;
  private final List<String> ids; // null: search
  private final RowMapper<Experiment> mapper;

  ExperimentsScan(RowMapper<Experiment> mapper, String filter, ViewType viewType,
      List<String> orderBy, Long limit, List<String> ids) {
    this.mapper = mapper;
    this.filter = filter;
    this.viewType = viewType;
    this.orderBy = List.copyOf(orderBy);
    this.limit = limit;
    this.ids = ids == null ? null : List.copyOf(ids);
  }

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    return ids != null && ids.isEmpty() ? List.of() : List.of(new SinglePart());
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    if (ids != null) {
      return byId(client, counters).iterator();
    }
    int pageSize = client.config().pageSizeFor(MlflowClient.MAX_RUNS_PAGE);
    int size = limit == null ? pageSize : (int) Math.min(pageSize, limit);
    Iterator<Experiment> it = Pages.items(token -> {
      Page<Experiment> page = client.searchExperiments(
          new SearchExperimentsRequest(filter, viewType, size, orderBy, token));
      counters.page();
      return page;
    });
    return Limited.rows(it, mapper, limit);
  }

  /** Get-by-id for each named experiment, keeping only those the view type shows. */
  private List<Object[]> byId(MlflowClient client, ScanCounters counters) {
    List<Object[]> rows = new ArrayList<>();
    for (String id : ids) {
      Experiment e;
      try {
        e = client.getExperiment(id);
        counters.page();
      } catch (MlflowApiException ex) {
        if (ex.isNotFound()) {
          continue; // no such experiment: no row, as a search would give
        }
        throw ex;
      }
      boolean deleted = "deleted".equals(e.lifecycleStage());
      if (viewType == ViewType.ALL || (viewType == ViewType.DELETED_ONLY) == deleted) {
        mapper.addRows(e, rows);
      }
    }
    return rows;
  }

  @Override
  String describe() {
    if (ids != null) {
      return "get-experiment(ids=" + ids + ", view=" + viewType + ")";
    }
    return "search-experiments(" + (filter == null ? "" : "filter=" + filter + ", ")
        + "view=" + viewType + (orderBy.isEmpty() ? "" : ", order_by=" + orderBy)
        + (limit == null ? "" : ", max_results=" + limit) + ")";
  }
}
