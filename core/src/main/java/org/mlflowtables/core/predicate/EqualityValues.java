package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Optional;

/**
 * The values a conjunct allows a column by equality: {@code c = v} and {@code c IN (...)}, and,
 * when asked, a case-sensitive {@code c LIKE} without wildcards. What the planner reads from a
 * WHERE clause to fetch by key (the run ids of a get-run, the keys of a long table).
 */
public final class EqualityValues {
  private EqualityValues() {}

  /**
   * The literals of {@code conjunct} if it is an equality on {@code column} (any letter case),
   * else empty. {@code c = NULL} is no equality (it holds for no row).
   */
  public static Optional<List<Literal>> of(Predicate conjunct, String column,
      boolean likeIsEquality) {
    return Optional.ofNullable(conjunct.accept(new Values(column, likeIsEquality)));
  }

  /** The literals, or null for a predicate of another kind or on another column. */
  private record Values(String column, boolean likeIsEquality)
      implements PredicateVisitor<List<Literal>> {
    private boolean on(ValueRef ref) {
      return ref instanceof ColumnRef c && c.column().equalsIgnoreCase(column);
    }

    @Override
    public List<Literal> visit(Comparison c) {
      return c.op() == CompareOp.EQ && on(c.ref()) && !c.literal().isNull()
          ? List.of(c.literal()) : null;
    }

    @Override
    public List<Literal> visit(In in) {
      return on(in.ref()) ? in.values() : null;
    }

    @Override
    public List<Literal> visit(Like like) {
      if (!likeIsEquality || !on(like.ref())) {
        return null;
      }
      return ConjunctDecoder.likeAsEquality(like).map(s -> List.of(new Literal(s)))
          .orElse(null);
    }

    @Override
    public List<Literal> visit(ColumnComparison p) {
      return null;
    }

    @Override
    public List<Literal> visit(IsNull p) {
      return null;
    }

    @Override
    public List<Literal> visit(IsNotNull p) {
      return null;
    }

    @Override
    public List<Literal> visit(And p) {
      return null;
    }

    @Override
    public List<Literal> visit(Or p) {
      return null;
    }

    @Override
    public List<Literal> visit(Not p) {
      return null;
    }
  }
}
