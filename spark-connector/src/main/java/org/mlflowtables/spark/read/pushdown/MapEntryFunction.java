package org.mlflowtables.spark.read.pushdown;

import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.UserDefinedScalarFunc;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@code mlflow_map_entry(map, key)}: the value of {@code map[key]}, or NULL, exactly as Spark's
 * {@code GetMapValue} and {@code element_at} on a map with string keys.
 *
 * <p>It exists so that a map-entry lookup survives Spark's V2 predicate translation, which drops
 * {@code GetMapValue} but keeps a V2 function call as a {@code UserDefinedScalarFunc}. {@link
 * org.mlflowtables.spark.MlflowSparkSessionExtensions} writes map-entry lookups of filters with it;
 * {@link SparkPredicateConverter} reads {@code mlflow_map_entry(metrics, 'rmse')} back as core's
 * {@code MapEntryRef(metrics, rmse)}. Spark evaluates it where core does not take the predicate
 * exactly.
 */
public final class MapEntryFunction implements ScalarFunction<Object> {
  private static final long serialVersionUID = 1L;

  /** The function's name as Spark shows it in plans. */
  public static final String NAME = "mlflow_map_entry";

  /** The canonical name {@link SparkPredicateConverter} recognises. */
  public static final String CANONICAL_NAME = "org.mlflowtables.spark.mlflow_map_entry";

  private final MapType mapType;

  /** A lookup into maps of this type (string keys). */
  public MapEntryFunction(MapType mapType) {
    if (!(mapType.keyType() instanceof StringType)) {
      throw new IllegalArgumentException("map keys must be strings, got " + mapType.simpleString());
    }
    this.mapType = mapType;
  }

  @Override
  public DataType[] inputTypes() {
    return new DataType[] {mapType, mapType.keyType()};
  }

  @Override
  public DataType resultType() {
    return mapType.valueType();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String canonicalName() {
    return CANONICAL_NAME;
  }

  @Override
  public boolean isResultNullable() {
    return true;
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }

  @Override
  public Object produceResult(InternalRow input) {
    if (input.isNullAt(0) || input.isNullAt(1)) {
      return null;
    }
    MapData map = input.getMap(0);
    UTF8String key = input.getUTF8String(1);
    ArrayData keys = map.keyArray();
    for (int i = 0; i < map.numElements(); i++) {
      if (key.equals(keys.getUTF8String(i))) {
        ArrayData values = map.valueArray();
        return values.isNullAt(i) ? null : values.get(i, mapType.valueType());
      }
    }
    return null;
  }

  /**
   * The map column and key of a V2 call {@code mlflow_map_entry(column, 'key')}, or null when
   * {@code e} is anything else.
   */
  static String[] columnAndKey(Expression e) {
    if (e instanceof UserDefinedScalarFunc f && CANONICAL_NAME.equals(f.canonicalName())
        && f.children().length == 2
        && f.children()[0] instanceof NamedReference map && map.fieldNames().length == 1
        && f.children()[1] instanceof Literal<?> key && key.value() != null) {
      return new String[] {map.fieldNames()[0], key.value().toString()};
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapEntryFunction other && mapType.equals(other.mapType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(NAME, mapType);
  }

  @Override
  public String toString() {
    return NAME;
  }
}
