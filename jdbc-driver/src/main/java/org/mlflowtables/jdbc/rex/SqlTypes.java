package org.mlflowtables.jdbc.rex;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;

/**
 * Core's column types as SQL types. Row values need no conversion: Calcite's enumerable
 * representation of each type is exactly core's value class (VARCHAR: String, BIGINT: Long,
 * DOUBLE: Double, TIMESTAMP: Long epoch milliseconds read as a UTC wall clock, MAP: java.util.Map,
 * ARRAY: java.util.List).
 */
public final class SqlTypes {
  /** Millisecond precision, as MLflow keeps times. */
  static final int TIMESTAMP_PRECISION = 3;

  private SqlTypes() {}

  /** The row type of a table, columns in core's order. */
  public static RelDataType rowType(TableDef table, RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    List<Column> columns = table.columns();
    for (Column c : columns) {
      b.add(c.name(), type(c.type(), c.nullable(), typeFactory));
    }
    return b.build();
  }

  /** The SQL type of a column type. */
  public static RelDataType type(ColumnType type, boolean nullable, RelDataTypeFactory f) {
    RelDataType t;
    switch (type) {
      case STRING:
        t = f.createSqlType(SqlTypeName.VARCHAR);
        break;
      case LONG:
        t = f.createSqlType(SqlTypeName.BIGINT);
        break;
      case DOUBLE:
        t = f.createSqlType(SqlTypeName.DOUBLE);
        break;
      case BOOLEAN:
        t = f.createSqlType(SqlTypeName.BOOLEAN);
        break;
      case TIMESTAMP:
        t = f.createSqlType(SqlTypeName.TIMESTAMP, TIMESTAMP_PRECISION);
        break;
      case MAP_STRING_STRING:
      case MAP_STRING_DOUBLE:
        t = f.createMapType(
            f.createSqlType(SqlTypeName.VARCHAR),
            f.createTypeWithNullability(type(type.mapValueType(), false, f), true));
        break;
      case ARRAY_STRING:
        t = f.createArrayType(f.createSqlType(SqlTypeName.VARCHAR), -1);
        break;
      default:
        throw new IllegalArgumentException("No SQL type for " + type);
    }
    return f.createTypeWithNullability(t, nullable);
  }
}
