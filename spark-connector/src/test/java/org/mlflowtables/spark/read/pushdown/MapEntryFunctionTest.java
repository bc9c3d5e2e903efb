package org.mlflowtables.spark.read.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The function evaluates as {@code map[key]} does: the value, or NULL. */
class MapEntryFunctionTest {
  private final MapEntryFunction f = new MapEntryFunction(
      DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true));

  private static GenericInternalRow args(Object map, String key) {
    return new GenericInternalRow(new Object[] {map, key == null ? null : UTF8String.fromString(key)});
  }

  private static ArrayBasedMapData map() {
    return new ArrayBasedMapData(
        new GenericArrayData(new Object[] {UTF8String.fromString("rmse"),
            UTF8String.fromString("none")}),
        new GenericArrayData(new Object[] {0.25, null}));
  }

  @Test
  void presentKeyGivesItsValue() {
    assertEquals(0.25, f.produceResult(args(map(), "rmse")));
  }

  @Test
  void missingKeyNullValueNullMapOrNullKeyGiveNull() {
    assertNull(f.produceResult(args(map(), "mae")));
    assertNull(f.produceResult(args(map(), "none")));
    assertNull(f.produceResult(args(null, "rmse")));
    assertNull(f.produceResult(args(map(), null)));
  }

  @Test
  void typesFollowTheMap() {
    assertEquals(DataTypes.DoubleType, f.resultType());
    assertEquals(2, f.inputTypes().length);
    assertEquals(MapEntryFunction.CANONICAL_NAME, f.canonicalName());
  }
}
