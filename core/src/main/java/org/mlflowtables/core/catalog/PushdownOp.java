package org.mlflowtables.core.catalog;

/**
 * The operators push-down capability is stated for. NOT IN is pushed, when exact, as a chain of
 * {@link #NE}, so it has no entry of its own.
 */
public enum PushdownOp {
  EQ,
  NE,
  LT,
  LE,
  GT,
  GE,
  IN,
  LIKE,
  ILIKE,
  IS_NULL,
  IS_NOT_NULL
}
