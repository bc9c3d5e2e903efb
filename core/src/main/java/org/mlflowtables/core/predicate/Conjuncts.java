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
    return p.accept(negated ? Push.NEGATED : Push.PLAIN);
  }

  /** Pushes negations inward; NEGATED visits a predicate under a NOT. */
  private enum Push implements PredicateVisitor<Predicate> {
    PLAIN(false),
    NEGATED(true);

    private final boolean negated;

    Push(boolean negated) {
      this.negated = negated;
    }

    @Override
    public Predicate visit(Not not) {
      return push(not.child(), !negated);
    }

    @Override
    public Predicate visit(And and) {
      List<Predicate> children = new ArrayList<>();
      for (Predicate child : and.children()) {
        children.add(child.accept(this));
      }
      return negated ? or(children) : and(children);
    }

    @Override
    public Predicate visit(Or or) {
      List<Predicate> children = new ArrayList<>();
      for (Predicate child : or.children()) {
        children.add(child.accept(this));
      }
      return negated ? and(children) : or(children);
    }

    @Override
    public Predicate visit(Comparison c) {
      return negated ? new Comparison(c.ref(), c.op().negate(), c.literal()) : c;
    }

    @Override
    public Predicate visit(ColumnComparison c) {
      return negated ? new ColumnComparison(c.left(), c.op().negate(), c.right()) : c;
    }

    @Override
    public Predicate visit(IsNull n) {
      return negated ? new IsNotNull(n.ref()) : n;
    }

    @Override
    public Predicate visit(IsNotNull n) {
      return negated ? new IsNull(n.ref()) : n;
    }

    /** NOT IN stays whole: the translators read it as one chain of {@code !=}. */
    @Override
    public Predicate visit(In in) {
      return negated ? new Not(in) : in;
    }

    /** NOT LIKE has no positive form. */
    @Override
    public Predicate visit(Like like) {
      return negated ? new Not(like) : like;
    }
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
