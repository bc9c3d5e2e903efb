package org.mlflowtables.spark.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.InputColumn;
import org.mlflowtables.core.write.RowMapping;
import org.mlflowtables.core.write.WriteRow;

/**
 * Spark's side of a write: tells core's {@link org.mlflowtables.core.write.WriteBinding} what
 * kind of values each input column holds, and reads each {@link InternalRow} into Java values
 * (TIMESTAMP microseconds become MLflow's milliseconds). Which columns a table takes and what row
 * they make is core's. Built on the driver, so that a bad column fails before any task runs.
 */
public final class LogBatchRowMapper implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DataType[] types;
  private final RowMapping mapping;

  private LogBatchRowMapper(DataType[] types, RowMapping mapping) {
    this.types = types;
    this.mapping = mapping;
  }

  /**
   * The mapping of an input schema onto a writable table.
   *
   * @throws MlflowTablesException naming the table and each missing, unknown or mistyped column
   */
  public static LogBatchRowMapper of(TableDef table, StructType input) {
    var binding = table.writes().orElseThrow(() -> new MlflowTablesException(
        "MLflow table '" + table.name() + "' is not writable"));
    StructField[] fields = input.fields();
    DataType[] types = new DataType[fields.length];
    List<InputColumn> columns = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      types[i] = fields[i].dataType();
      columns.add(new InputColumn(fields[i].name(), typeOf(types[i]), types[i].sql()));
    }
    return new LogBatchRowMapper(types, binding.mapping(table.name(), columns));
  }

  /** The core mapping (its binding says how rows are best laid out). */
  public RowMapping mapping() {
    return mapping;
  }

  /** The core row of one input row. */
  public WriteRow toRow(InternalRow row) {
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      values[i] = row.isNullAt(i) ? null : value(row, i, types[i]);
    }
    return mapping.toRow(values);
  }

  private static InputColumn.Type typeOf(DataType t) {
    if (t instanceof StringType) {
      return InputColumn.Type.STRING;
    }
    if (t instanceof LongType || t instanceof IntegerType || t instanceof ShortType
        || t instanceof ByteType) {
      return InputColumn.Type.INTEGER;
    }
    if (t instanceof DoubleType || t instanceof FloatType || t instanceof DecimalType) {
      return InputColumn.Type.FRACTIONAL;
    }
    if (t instanceof MapType m && m.keyType() instanceof StringType) {
      InputColumn.Type values = typeOf(m.valueType());
      return values == InputColumn.Type.STRING ? InputColumn.Type.TEXT_MAP
          : values == InputColumn.Type.INTEGER || values == InputColumn.Type.FRACTIONAL
              ? InputColumn.Type.NUMBER_MAP : InputColumn.Type.OTHER;
    }
    return t instanceof TimestampType ? InputColumn.Type.TIMESTAMP : InputColumn.Type.OTHER;
  }

  private static Map<String, Object> map(MapData map, DataType values) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int j = 0; j < map.numElements(); j++) {
      out.put(map.keyArray().getUTF8String(j).toString(),
          map.valueArray().isNullAt(j) ? null : value(map.valueArray(), j, values));
    }
    return out;
  }

  private static Object value(SpecializedGetters row, int i, DataType t) {
    if (t instanceof StringType) {
      return row.getUTF8String(i).toString();
    }
    if (t instanceof TimestampType) {
      return Math.floorDiv(row.getLong(i), 1000L);
    }
    if (t instanceof LongType) {
      return row.getLong(i);
    }
    if (t instanceof IntegerType) {
      return row.getInt(i);
    }
    if (t instanceof ShortType) {
      return row.getShort(i);
    }
    if (t instanceof ByteType) {
      return row.getByte(i);
    }
    if (t instanceof DoubleType) {
      return row.getDouble(i);
    }
    if (t instanceof FloatType) {
      return (double) row.getFloat(i);
    }
    if (t instanceof DecimalType d) {
      return row.getDecimal(i, d.precision(), d.scale()).toJavaBigDecimal();
    }
    if (t instanceof MapType m) {
      return map(row.getMap(i), m.valueType());
    }
    throw new IllegalStateException("the mapping refuses a column of type " + t.sql());
  }
}
