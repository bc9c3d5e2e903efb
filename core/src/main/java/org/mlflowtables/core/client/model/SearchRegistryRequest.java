package org.mlflowtables.core.client.model;

import java.util.List;

/** A search-registered-models or search-model-versions request (they share their shape). */
public record SearchRegistryRequest(
    String filter, int maxResults, List<String> orderBy, String pageToken) {
  public SearchRegistryRequest {
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }

  public SearchRegistryRequest withPageToken(String token) {
    return new SearchRegistryRequest(filter, maxResults, orderBy, token);
  }
}
