package org.mlflowtables.core.predicate;

import org.mlflowtables.core.exceptions.InvalidPredicateException;

/**
 * A constant: {@link String}, {@link Long}, {@link Double}, {@link Boolean} or {@code null} (SQL
 * NULL). Timestamps are {@link Long} epoch milliseconds. Integer, Short and Byte are widened to
 * Long, Float to Double.
 */
public record Literal(Object value) implements java.io.Serializable {
  public static final Literal NULL = new Literal(null);

  public Literal {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      value = ((Number) value).longValue();
    } else if (value instanceof Float f) {
      value = f.doubleValue();
    } else if (value != null
        && !(value instanceof String)
        && !(value instanceof Long)
        && !(value instanceof Double)
        && !(value instanceof Boolean)) {
      throw new InvalidPredicateException(
          "Unsupported literal type " + value.getClass().getName() + " (value " + value
              + "): use String, Long, Double or Boolean; timestamps as Long epoch milliseconds");
    }
  }

  public static Literal of(Object value) {
    return value instanceof Literal l ? l : new Literal(value);
  }

  public boolean isNull() {
    return value == null;
  }

  public boolean isNumber() {
    return value instanceof Long || value instanceof Double;
  }

  public String sql() {
    return SqlText.value(value);
  }

  @Override
  public String toString() {
    return sql();
  }
}
