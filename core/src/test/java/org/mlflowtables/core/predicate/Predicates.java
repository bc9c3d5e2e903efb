package org.mlflowtables.core.predicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short factories for building predicates in tests (adapters build them from their engine's). */
public final class Predicates {
  private Predicates() {}

  public static ColumnRef col(String column) {
    return new ColumnRef(column);
  }

  public static MapEntryRef entry(String mapColumn, String key) {
    return new MapEntryRef(mapColumn, key);
  }

  public static Comparison cmp(ValueRef ref, CompareOp op, Object value) {
    return new Comparison(ref, op, Literal.of(value));
  }

  public static Comparison eq(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.EQ, value);
  }

  public static Comparison ne(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.NE, value);
  }

  public static Comparison lt(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.LT, value);
  }

  public static Comparison le(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.LE, value);
  }

  public static Comparison gt(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.GT, value);
  }

  public static Comparison ge(ValueRef ref, Object value) {
    return cmp(ref, CompareOp.GE, value);
  }

  public static In in(ValueRef ref, Object... values) {
    List<Literal> literals = new ArrayList<>();
    for (Object v : values) {
      literals.add(Literal.of(v));
    }
    return new In(ref, literals);
  }

  public static Like like(ValueRef ref, String pattern) {
    return new Like(ref, pattern, false);
  }

  public static Like ilike(ValueRef ref, String pattern) {
    return new Like(ref, pattern, true);
  }

  public static And and(Predicate... children) {
    return new And(Arrays.asList(children));
  }

  public static Or or(Predicate... children) {
    return new Or(Arrays.asList(children));
  }

  public static Not not(Predicate child) {
    return new Not(child);
  }

  public static IsNull isNull(ValueRef ref) {
    return new IsNull(ref);
  }

  public static IsNotNull isNotNull(ValueRef ref) {
    return new IsNotNull(ref);
  }

  public static ColumnComparison compareColumns(ValueRef left, CompareOp op, ValueRef right) {
    return new ColumnComparison(left, op, right);
  }
}
