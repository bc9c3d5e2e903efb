package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.List;
import org.mlflowtables.core.config.ViewType;

/**
 * A search-runs request before paging: the MLflow filter, view type and, for a pushed top-N, the
 * order and the row limit. Experiment ids come from the scan part.
 *
 * @param filter MLflow filter string, or null
 * @param orderBy MLflow order_by clauses; empty for a full scan (scanned by start time)
 * @param limit the most rows wanted, or null for all
 */
record RunsQuery(String filter, ViewType viewType, List<String> orderBy, Long limit)
    implements Serializable {
  RunsQuery {
    orderBy = List.copyOf(orderBy);
  }

  RunsQuery withFilter(String newFilter) {
    return new RunsQuery(newFilter, viewType, orderBy, limit);
  }

  boolean isTopN() {
    return limit != null;
  }
}
