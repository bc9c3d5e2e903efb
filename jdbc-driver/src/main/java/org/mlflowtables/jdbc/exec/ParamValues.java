package org.mlflowtables.jdbc.exec;

import java.math.BigDecimal;
import java.util.Calendar;
import org.apache.calcite.runtime.SqlFunctions;
import org.mlflowtables.core.catalog.ColumnType;

/** Bound parameter values as core's literal values, converted as Calcite's runtime sees them. */
public final class ParamValues {
  /** Returned when a value cannot be expressed for core. */
  static final Object UNCONVERTIBLE = new Object();

  private ParamValues() {}

  /**
   * A bound parameter value (as Avatica hands it to Calcite: {@code TypedValue.toLocal()}) for a
   * column of {@code target} type, or {@link #UNCONVERTIBLE}. Null stays null.
   */
  static Object paramValue(Object value, ColumnType target) {
    if (value == null) {
      return null;
    }
    switch (target) {
      case STRING:
        return value instanceof String s ? s : UNCONVERTIBLE;
      case LONG:
        if (value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte) {
          return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
          return integral(d);
        }
        if (value instanceof Double || value instanceof Float) {
          return ((Number) value).doubleValue();
        }
        return UNCONVERTIBLE;
      case DOUBLE:
        return value instanceof Number n ? n.doubleValue() : UNCONVERTIBLE;
      case TIMESTAMP:
        if (value instanceof Long l) {
          return l;
        }
        if (value instanceof java.sql.Timestamp t) {
          return SqlFunctions.toLong(t);
        }
        if (value instanceof java.util.Date d) {
          return SqlFunctions.toLong(d);
        }
        if (value instanceof Calendar c) {
          return c.getTimeInMillis();
        }
        return UNCONVERTIBLE;
      default:
        return UNCONVERTIBLE;
    }
  }

  /** A whole number as a Long when it fits, else as a Double (core compares them as doubles). */
  public static Object integral(BigDecimal d) {
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return d.doubleValue();
    }
  }

}
