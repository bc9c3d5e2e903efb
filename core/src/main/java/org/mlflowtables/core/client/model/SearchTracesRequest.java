package org.mlflowtables.core.client.model;

import java.util.List;

/**
 * A search-traces (v3) request over experiments.
 *
 * @param orderBy entries such as {@code "timestamp_ms DESC"}
 */
public record SearchTracesRequest(
    List<String> experimentIds,
    String filter,
    int maxResults,
    List<String> orderBy,
    String pageToken) {
  public SearchTracesRequest {
    experimentIds = List.copyOf(experimentIds);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
  }
}
