package org.mlflowtables.core.client.model;

import java.util.List;
import org.mlflowtables.core.config.ViewType;

/** A search-runs request; {@code filter} is MLflow's filter string or null. */
public record SearchRunsRequest(
    List<String> experimentIds,
    String filter,
    ViewType viewType,
    int maxResults,
    List<String> orderBy,
    String pageToken) {
  public SearchRunsRequest {
    experimentIds = List.copyOf(experimentIds);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }

  public SearchRunsRequest withPageToken(String token) {
    return new SearchRunsRequest(experimentIds, filter, viewType, maxResults, orderBy, token);
  }

  public SearchRunsRequest withFilter(String newFilter) {
    return new SearchRunsRequest(experimentIds, newFilter, viewType, maxResults, orderBy, pageToken);
  }
}
