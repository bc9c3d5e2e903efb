package org.mlflowtables.core.client.model;

import java.util.List;

/**
 * One page of a search result.
 *
 * @param items the rows of this page
 * @param nextPageToken the token for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = items == null ? List.of() : items;
    nextPageToken = nextPageToken == null || nextPageToken.isEmpty() ? null : nextPageToken;
  }

  public boolean isLast() {
    return nextPageToken == null;
  }
}
