package org.mlflowtables.core.predicate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Helpers for the long tables' {@code key} column. */
final class LongTables {
  private LongTables() {}

  /**
   * The one key that the {@code key = 'k'} / {@code key IN (...)} conjuncts leave (their
   * intersection), or null if they leave none or several (then a value predicate cannot be tied to
   * one map entry).
   */
  static String singleKey(List<Predicate> conjuncts) {
    Set<String> keys = null;
    for (Predicate p : conjuncts) {
      Set<String> these = keysOf(p);
      if (these == null) {
        continue;
      }
      if (keys == null) {
        keys = these;
      } else {
        keys.retainAll(these);
      }
    }
    return keys != null && keys.size() == 1 ? keys.iterator().next() : null;
  }

  /** The keys a conjunct on the key column allows, or null if it is not such an equality. */
  private static Set<String> keysOf(Predicate p) {
    return EqualityValues.of(p, "key", true).map(values -> {
      Set<String> out = new LinkedHashSet<>();
      for (Literal l : values) {
        if (l.value() instanceof String s) {
          out.add(s);
        }
      }
      return out;
    }).orElse(null);
  }
}
