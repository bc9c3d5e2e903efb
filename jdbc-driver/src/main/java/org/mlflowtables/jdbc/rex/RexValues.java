package org.mlflowtables.jdbc.rex;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.jdbc.exec.ParamValues;

/**
 * SQL constants as core's literal values ({@link String}, {@link Long}, {@link Double}; timestamps
 * as Long epoch milliseconds), converted exactly as Calcite's runtime sees them, so that a pushed
 * predicate and Calcite's own evaluation agree. Parameter values are converted at execution by
 * {@link ParamValues}, the same way.
 */
final class RexValues {
  /** Returned when a value cannot be expressed for core. */
  static final Object UNCONVERTIBLE = new Object();

  private RexValues() {}

  /**
   * The value of a constant operand (a literal, or a CAST of one that does not change the value)
   * compared with a value of {@code target} type, or {@link #UNCONVERTIBLE}.
   */
  static Object constant(RexNode node, ColumnType target) {
    RexNode n = node;
    if (n.getKind() == SqlKind.CAST) {
      RexNode operand = ((RexCall) n).getOperands().get(0);
      if (!(operand instanceof RexLiteral) || !valuePreservingCast(operand.getType(), n.getType())) {
        return UNCONVERTIBLE;
      }
      n = operand;
    }
    if (!(n instanceof RexLiteral literal) || literal.isNull()) {
      return UNCONVERTIBLE;
    }
    SqlTypeName type = literal.getTypeName();
    switch (target) {
      case STRING:
        if (SqlTypeFamily.CHARACTER.contains(literal.getType())) {
          return literal.getValueAs(String.class);
        }
        return UNCONVERTIBLE;
      case LONG:
      case DOUBLE:
        if (SqlTypeFamily.NUMERIC.contains(literal.getType())) {
          BigDecimal d = literal.getValueAs(BigDecimal.class);
          if (d == null) {
            return UNCONVERTIBLE;
          }
          if (type == SqlTypeName.DOUBLE || type == SqlTypeName.FLOAT
              || type == SqlTypeName.REAL || target == ColumnType.DOUBLE) {
            Double v = literal.getValueAs(Double.class);
            return v == null ? UNCONVERTIBLE : v;
          }
          return ParamValues.integral(d);
        }
        return UNCONVERTIBLE;
      case TIMESTAMP:
        if (type == SqlTypeName.TIMESTAMP) {
          TimestampString ts = literal.getValueAs(TimestampString.class);
          return ts == null ? UNCONVERTIBLE : ts.getMillisSinceEpoch();
        }
        return UNCONVERTIBLE;
      default:
        return UNCONVERTIBLE;
    }
  }

  /**
   * Whether casting a value of type {@code from} to {@code to} leaves it unchanged: the same type
   * name (nullability and an unbounded or larger length aside), or a number to a wider number.
   */
  static boolean valuePreservingCast(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (SqlTypeFamily.CHARACTER.contains(from) && SqlTypeFamily.CHARACTER.contains(to)) {
      // CHAR(n) pads and VARCHAR(n) truncates; only an unbounded or long enough VARCHAR is exact.
      return t == SqlTypeName.VARCHAR
          && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
              || to.getPrecision() >= from.getPrecision());
    }
    if (f == SqlTypeName.TIMESTAMP && t == SqlTypeName.TIMESTAMP) {
      return to.getPrecision() >= Math.min(from.getPrecision(), 3);
    }
    if (f == t && (f == SqlTypeName.DOUBLE || f == SqlTypeName.BIGINT)) {
      return true;
    }
    if (SqlTypeFamily.EXACT_NUMERIC.contains(from) && from.getScale() <= 0
        && (t == SqlTypeName.BIGINT || t == SqlTypeName.DOUBLE)) {
      return f != SqlTypeName.DECIMAL || from.getPrecision() <= 15;
    }
    if (SqlTypeFamily.NUMERIC.contains(from) && t == SqlTypeName.DOUBLE) {
      // A decimal or float literal read as a double is exactly what Calcite compares with.
      return true;
    }
    return false;
  }
}
