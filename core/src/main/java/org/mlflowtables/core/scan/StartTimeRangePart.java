package org.mlflowtables.core.scan;

import java.util.List;
import java.util.Set;

/**
 * A scan part covering the runs of some experiments that started in [from, to): how a scan of few
 * experiments still splits into parallel parts. A null bound is open; {@code count} is the number
 * of parts of the scan; {@code seenAtFrom}, the runs starting at {@code from} that were read before
 * the scan split (they are left out).
 */
record StartTimeRangePart(int index, int count, List<String> experimentIds, Long from, Long to,
    Set<String> seenAtFrom) implements ScanPart {
  StartTimeRangePart {
    experimentIds = List.copyOf(experimentIds);
    seenAtFrom = Set.copyOf(seenAtFrom);
  }

  StartTimeRangePart(int index, int count, List<String> experimentIds, Long from, Long to) {
    this(index, count, experimentIds, from, to, Set.of());
  }

  /** The range as MLflow filter clauses, ANDed to a filter (null for none). */
  String restrict(String filter) {
    StringBuilder b = new StringBuilder(filter == null ? "" : filter);
    if (from != null) {
      b.append(b.length() == 0 ? "" : " AND ").append("attributes.start_time >= ").append(from);
    }
    if (to != null) {
      b.append(b.length() == 0 ? "" : " AND ").append("attributes.start_time < ").append(to);
    }
    return b.length() == 0 ? null : b.toString();
  }

  @Override
  public String describe() {
    return "part " + index + ": experiments " + experimentIds + ", start_time in ["
        + (from == null ? "-inf" : from) + ", " + (to == null ? "+inf" : to) + ")";
  }
}
