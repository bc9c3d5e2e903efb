package org.mlflowtables.core.predicate;

/** A comparison operator. */
public enum CompareOp {
  EQ("="),
  NE("<>"),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String sql;

  CompareOp(String sql) {
    this.sql = sql;
  }

  public String sql() {
    return sql;
  }

  /** The spelling MLflow's filter grammar uses ({@code !=} rather than {@code <>}). */
  public String mlflow() {
    return this == NE ? "!=" : sql;
  }

  /**
   * {@code NOT (a op b)} as {@code a negate(op) b}. Exact in SQL's three-valued logic (NULL stays
   * NULL) and under Spark's total order of doubles (NaN equal to itself and above everything).
   */
  public CompareOp negate() {
    switch (this) {
      case EQ:
        return NE;
      case NE:
        return EQ;
      case LT:
        return GE;
      case LE:
        return GT;
      case GT:
        return LE;
      default:
        return LT;
    }
  }

  /** {@code a op b} as {@code b flip(op) a}. */
  public CompareOp flip() {
    switch (this) {
      case LT:
        return GT;
      case LE:
        return GE;
      case GT:
        return LT;
      case GE:
        return LE;
      default:
        return this;
    }
  }

  /** Whether a three-way comparison result satisfies the operator. */
  public boolean test(int cmp) {
    switch (this) {
      case EQ:
        return cmp == 0;
      case NE:
        return cmp != 0;
      case LT:
        return cmp < 0;
      case LE:
        return cmp <= 0;
      case GT:
        return cmp > 0;
      default:
        return cmp >= 0;
    }
  }
}
