package org.mlflowtables.spark.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * Turns core's rows ({@code Object[]} in the table's column order, core's value types) into Spark
 * {@link InternalRow}s of the required columns only. Serializable, for the executors.
 */
public final class RowConverter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String[] names;
  private final int[] sourceIndex;
  private final ColumnType[] types;
  private final boolean[] nullable;

  private RowConverter(String table, String[] names, int[] sourceIndex, ColumnType[] types,
      boolean[] nullable) {
    this.table = table;
    this.names = names;
    this.sourceIndex = sourceIndex;
    this.types = types;
    this.nullable = nullable;
  }

  /**
   * A converter producing the fields of {@code required}, which must be columns of {@code table}.
   */
  public static RowConverter of(TableDef table, StructType required) {
    StructField[] fields = required.fields();
    String[] names = new String[fields.length];
    int[] index = new int[fields.length];
    ColumnType[] types = new ColumnType[fields.length];
    boolean[] nullable = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      index[i] = table.index(fields[i].name());
      Column c = table.columns().get(index[i]);
      names[i] = c.name();
      types[i] = c.type();
      nullable[i] = c.nullable();
    }
    return new RowConverter(table.name(), names, index, types, nullable);
  }

  public InternalRow convert(Object[] row) {
    Object[] values = new Object[sourceIndex.length];
    for (int i = 0; i < sourceIndex.length; i++) {
      Object v = row[sourceIndex[i]];
      if (v == null && !nullable[i]) {
        // Spark trusts a non-nullable column: a NULL there would be read as a wrong value
        throw new MlflowTablesException("MLflow returned no value for column " + names[i]
            + " of table " + table + ", which cannot be NULL");
      }
      values[i] = v == null ? null : toSpark(types[i], v);
    }
    return new GenericInternalRow(values);
  }

  /** One non-null value of core's type as Spark's internal value. */
  static Object toSpark(ColumnType type, Object v) {
    switch (type) {
      case STRING:
        return UTF8String.fromString((String) v);
      case LONG:
        return ((Number) v).longValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case BOOLEAN:
        return (Boolean) v;
      case TIMESTAMP:
        return Math.multiplyExact(((Number) v).longValue(), 1000L);
      case MAP_STRING_STRING:
      case MAP_STRING_DOUBLE:
        return toMapData((Map<?, ?>) v, type == ColumnType.MAP_STRING_DOUBLE);
      case ARRAY_STRING:
        List<?> list = (List<?>) v;
        Object[] items = new Object[list.size()];
        for (int i = 0; i < items.length; i++) {
          Object item = list.get(i);
          items[i] = item == null ? null : UTF8String.fromString(item.toString());
        }
        return new GenericArrayData(items);
      default:
        throw new IllegalArgumentException("Unsupported column type " + type);
    }
  }

  private static ArrayBasedMapData toMapData(Map<?, ?> map, boolean doubleValues) {
    Object[] keys = new Object[map.size()];
    Object[] values = new Object[map.size()];
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      keys[i] = UTF8String.fromString((String) e.getKey());
      Object v = e.getValue();
      if (v == null) {
        values[i] = null;
      } else {
        values[i] = doubleValues ? (Object) ((Number) v).doubleValue()
            : UTF8String.fromString(v.toString());
      }
      i++;
    }
    return new ArrayBasedMapData(new GenericArrayData(keys), new GenericArrayData(values));
  }
}
