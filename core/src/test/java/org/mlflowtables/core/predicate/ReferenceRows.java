package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.mlflowtables.core.exceptions.InvalidPredicateException;

/**
 * The reference order of rows a test holds: how ORDER BY sorts them, and the total order of values
 * behind it (the same as {@link PredicateEvaluator}'s comparisons). The oracle of the differential
 * tests.
 */
public final class ReferenceRows {
  private ReferenceRows() {}

  /**
   * Total order of two non-null values of one kind: numbers (Long/Double) with NaN greatest and
   * -0.0 = 0.0, strings by code point, booleans false &lt; true.
   *
   * @throws InvalidPredicateException if the two cannot be compared (a string and a number)
   */
  public static int compareValues(Object a, Object b) {
    return PredicateEvaluator.compareNonNull(a, b, null);
  }

  /**
   * A comparator of rows (column name to value) for the sort keys, NULLs placed as each key asks;
   * the reference order of ORDER BY.
   */
  public static Comparator<Function<String, ?>> ordering(List<SortKey> keys) {
    List<SortKey> copy = new ArrayList<>(keys);
    return (r1, r2) -> {
      for (SortKey k : copy) {
        Object a = PredicateEvaluator.value(k.ref(), r1);
        Object b = PredicateEvaluator.value(k.ref(), r2);
        int c;
        if (a == null || b == null) {
          if (a == b) {
            continue;
          }
          c = (a == null) == k.nullsFirst() ? -1 : 1;
        } else {
          c = PredicateEvaluator.compareNonNull(a, b, k.ref());
          if (!k.ascending()) {
            c = -c;
          }
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }
}
