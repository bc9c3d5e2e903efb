package org.mlflowtables.jdbc.exec;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.util.Calendar;
import java.util.function.IntFunction;
import org.apache.calcite.runtime.SqlFunctions;
import org.mlflowtables.core.catalog.ColumnType;

/**
 * The values one execution of a statement binds to its parameters (as Avatica hands them to
 * Calcite: {@code TypedValue.toLocal()}), converted exactly as Calcite's runtime reads them, so
 * that what MLflow is sent and what Calcite checks agree. A NULL, or a value of another type than
 * the column's, fails the statement with a message naming the parameter, the column and the table.
 */
public final class ParamValues implements ParamBinding {
  private final String table;
  private final IntFunction<Object> values;

  /**
   * @param table the table scanned, for messages
   * @param values a parameter's value by index
   */
  public ParamValues(String table, IntFunction<Object> values) {
    this.table = table;
    this.values = values;
  }

  /**
   * {@inheritDoc}
   *
   * @throws java.sql.SQLDataException (undeclared) for a NULL or a value of the wrong type
   */
  @Override
  public Object value(ParamSlot slot) {
    Object raw = values.apply(slot.index());
    if (raw == null) {
      throw Errors.raise(new SQLDataException(about(slot) + " is NULL: "
          + (slot.role() == ParamSlot.Role.LIMIT ? "set a number of rows"
              : "a comparison with NULL is never true; write " + slot.target() + " IS NULL to "
                  + "find missing values"), "22004"));
    }
    Object v = slot.role() == ParamSlot.Role.LIMIT ? rowCount(raw) : convert(raw, slot.type());
    if (v == null) {
      throw Errors.raise(new SQLDataException(about(slot) + " is a "
          + raw.getClass().getSimpleName() + ", not " + expected(slot), "22018"));
    }
    return v;
  }

  private String about(ParamSlot slot) {
    return "Parameter " + (slot.index() + 1) + " ("
        + (slot.role() == ParamSlot.Role.LIMIT ? "a LIMIT or OFFSET"
            : (slot.role() == ParamSlot.Role.PATTERN ? "the LIKE pattern for " : "compared with ")
                + slot.target())
        + " of MLflow table '" + table + "')";
  }

  private static String expected(ParamSlot slot) {
    if (slot.role() == ParamSlot.Role.LIMIT) {
      return "a whole number of rows, 0 or more (setInt, setLong)";
    }
    switch (slot.type()) {
      case STRING:
        return "a string (setString)";
      case LONG:
        return "a whole number (setLong, setInt)";
      case DOUBLE:
        return "a number (setDouble, setBigDecimal)";
      default:
        return "a timestamp (setTimestamp)";
    }
  }

  private static Long rowCount(Object raw) {
    Object v = convert(raw, ColumnType.LONG);
    return v instanceof Long n && n >= 0 ? n : null;
  }

  /** A value as core's literal value for a column of {@code target} type, or null if none. */
  static Object convert(Object value, ColumnType target) {
    switch (target) {
      case STRING:
        return value instanceof String s ? s : null;
      case LONG:
        if (value instanceof Long || value instanceof Integer || value instanceof Short
            || value instanceof Byte) {
          return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
          return integral(d);
        }
        return value instanceof Double || value instanceof Float
            ? ((Number) value).doubleValue() : null;
      case DOUBLE:
        return value instanceof Number n ? n.doubleValue() : null;
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
        return value instanceof Calendar c ? c.getTimeInMillis() : null;
      default:
        return null;
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
