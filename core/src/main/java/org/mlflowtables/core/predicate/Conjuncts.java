package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.List;

/**
 * Normal form for translation: nested ANDs split into a flat list of conjuncts, NOTs pushed inward
 * where that is exact in three-valued logic ({@code NOT (a < b)} is {@code a >= b}, also under
 * Spark's NaN order; {@code NOT (a OR b)} is {@code NOT a AND NOT b}; {@code NOT (x IS NULL)} is
 * {@code x IS NOT NULL}). What does not invert cleanly (NOT IN, NOT LIKE, NOT of an AND) stays a
 * {@link Not}.
 */
public final class Conjuncts {
  private Conjuncts() {}

  public static List<Predicate> normalize(List<? extends Predicate> conjuncts) {
    List<Predicate> out = new ArrayList<>();
    for (Predicate p : conjuncts) {
      flatten(push(p, false), out);
    }
    return out;
  }

  private static void flatten(Predicate p, List<Predicate> out) {
    if (p instanceof And and) {
      for (Predicate child : and.children()) {
        flatten(child, out);
      }
    } else if (!out.contains(p)) {
      out.add(p);
    }
  }

  /** p, or NOT p when negated, with negations pushed as far in as is exact. */
  static Predicate push(Predicate p, boolean negated) {
    if (p instanceof Not not) {
      return push(not.child(), !negated);
    }
    if (p instanceof And and) {
      List<Predicate> children = new ArrayList<>();
      for (Predicate child : and.children()) {
        children.add(push(child, negated));
      }
      return negated ? or(children) : and(children);
    }
    if (p instanceof Or or) {
      List<Predicate> children = new ArrayList<>();
      for (Predicate child : or.children()) {
        children.add(push(child, negated));
      }
      return negated ? and(children) : or(children);
    }
    if (!negated) {
      return p;
    }
    if (p instanceof Comparison c) {
      return new Comparison(c.ref(), c.op().negate(), c.literal());
    }
    if (p instanceof ColumnComparison c) {
      return new ColumnComparison(c.left(), c.op().negate(), c.right());
    }
    if (p instanceof IsNull n) {
      return new IsNotNull(n.ref());
    }
    if (p instanceof IsNotNull n) {
      return new IsNull(n.ref());
    }
    return new Not(p);
  }

  private static Predicate and(List<Predicate> children) {
    List<Predicate> flat = new ArrayList<>();
    for (Predicate c : children) {
      flatten(c, flat);
    }
    return flat.size() == 1 ? flat.get(0) : new And(flat);
  }

  private static Predicate or(List<Predicate> children) {
    List<Predicate> flat = new ArrayList<>();
    for (Predicate c : children) {
      if (c instanceof Or o) {
        flat.addAll(o.children());
      } else {
        flat.add(c);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new Or(flat);
  }
}
