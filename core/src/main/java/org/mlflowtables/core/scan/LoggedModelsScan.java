package org.mlflowtables.core.scan;

import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.SearchLoggedModelsRequest;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/**
 * Scans MLflow 3's search-logged-models, each model becoming its table's rows. The endpoint needs
 * experiment ids, so without an experiment predicate every experiment is listed first. A server without the endpoint (MLflow 2) gets a clear error.
 */
final class LoggedModelsScan extends TableScan {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final RowMapper<LoggedModel> mapper;
  private final String filter;
  private final List<LoggedModelOrderBy> orderBy;
  private final Long limit;
  private final List<String> experimentIds; // null: all experiments

  LoggedModelsScan(String table, RowMapper<LoggedModel> mapper, String filter,
      List<LoggedModelOrderBy> orderBy, Long limit, List<String> experimentIds) {
    this.table = table;
    this.mapper = mapper;
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
    int pageSize = client.config().pageSizeFor(MlflowClient.MAX_LOGGED_MODELS_PAGE);
    Iterator<LoggedModel> models = new RunsScan.ChainedIterator<>(
        ExperimentIds.chunks(ids).iterator(), chunk -> {
          int size = limit == null ? pageSize : (int) Math.min(pageSize, limit);
          Iterator<LoggedModel> it = Pages.items(token -> search(client, counters,
              new SearchLoggedModelsRequest(chunk, filter, size, orderBy, token)));
          return Limited.take(it, limit);
        });
    return Limited.rows(models, mapper, null);
  }

  private Page<LoggedModel> search(MlflowClient client, ScanCounters counters,
      SearchLoggedModelsRequest request) {
    try {
      Page<LoggedModel> page = client.searchLoggedModels(request);
      counters.page();
      return page;
    } catch (MlflowApiException e) {
      throw Mlflow3Only.error(table, "search-logged-models", e);
    }
  }

  @Override
  String describe() {
    return "search-logged-models(experiments=" + (experimentIds == null ? "all" : experimentIds)
        + (filter == null ? "" : ", filter=" + filter)
        + (orderBy.isEmpty() ? "" : ", order_by=" + orderBy.stream()
            .map(o -> o.fieldName() + (o.ascending() ? " ASC" : " DESC")).toList())
        + (limit == null ? "" : ", max_results=" + limit) + ")";
  }
}
