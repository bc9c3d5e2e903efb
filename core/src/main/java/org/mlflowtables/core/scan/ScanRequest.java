package org.mlflowtables.core.scan;

import java.util.List;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.SortKey;

/**
 * What an engine asks of a table: the conjuncts of its WHERE clause, its ORDER BY and LIMIT.
 *
 * @param table a table name of {@link org.mlflowtables.core.catalog.Tables}
 * @param filters conjuncts (ANDed); each may itself be any predicate
 * @param orderBy sort keys, empty for none
 * @param limit the most rows wanted (applied after filters and order), or null
 */
public record ScanRequest(String table, List<Predicate> filters, List<SortKey> orderBy, Long limit) {
  public ScanRequest {
    filters = filters == null ? List.of() : List.copyOf(filters);
    orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
    }
  }

  /** A request for every row of a table. */
  public static ScanRequest all(String table) {
    return new ScanRequest(table, List.of(), List.of(), null);
  }
}
