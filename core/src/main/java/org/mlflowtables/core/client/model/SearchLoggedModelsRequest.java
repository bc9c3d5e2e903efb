package org.mlflowtables.core.client.model;

import java.util.List;

/** A search-logged-models request (MLflow 3). */
public record SearchLoggedModelsRequest(
    List<String> experimentIds,
    String filter,
    int maxResults,
    List<LoggedModelOrderBy> orderBy,
    String pageToken) {
  public SearchLoggedModelsRequest {
    experimentIds = List.copyOf(experimentIds);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }

  public SearchLoggedModelsRequest withPageToken(String token) {
    return new SearchLoggedModelsRequest(experimentIds, filter, maxResults, orderBy, token);
  }
}
