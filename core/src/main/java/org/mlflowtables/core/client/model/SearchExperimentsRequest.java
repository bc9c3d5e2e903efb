package org.mlflowtables.core.client.model;

import java.util.List;
import org.mlflowtables.core.config.ViewType;

/** A search-experiments request. */
public record SearchExperimentsRequest(
    String filter, ViewType viewType, int maxResults, List<String> orderBy, String pageToken) {
  public SearchExperimentsRequest {
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }

  public SearchExperimentsRequest withPageToken(String token) {
    return new SearchExperimentsRequest(filter, viewType, maxResults, orderBy, token);
  }
}
