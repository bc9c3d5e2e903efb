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
    Set<String> out = new LinkedHashSet<>();
    if (p instanceof Comparison c && isKey(c.ref()) && c.op() == CompareOp.EQ
        && c.literal().value() instanceof String s) {
      out.add(s);
      return out;
    }
    if (p instanceof In in && isKey(in.ref())) {
      for (Literal l : in.values()) {
        if (l.value() instanceof String s) {
          out.add(s);
        }
      }
      return out;
    }
    if (p instanceof Like like && isKey(like.ref())) {
      return AbstractTranslator.likeAsEquality(like).map(s -> {
        out.add(s);
        return out;
      }).orElse(null);
    }
    return null;
  }

  private static boolean isKey(ValueRef ref) {
    return ref instanceof ColumnRef r && r.column().equalsIgnoreCase("key");
  }
}
