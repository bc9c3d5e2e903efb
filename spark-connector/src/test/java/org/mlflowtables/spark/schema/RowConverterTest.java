package org.mlflowtables.spark.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;

class RowConverterTest {
  private static final TableDef RUNS = Tables.get("runs");

  private static Object[] runRow() {
    Object[] row = new Object[RUNS.columns().size()];
    row[RUNS.index("run_id")] = "r1";
    row[RUNS.index("start_time")] = 1_700_000_000_123L;
    row[RUNS.index("end_time")] = null;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("rmse", 0.25);
    metrics.put("nan", Double.NaN);
    row[RUNS.index("metrics")] = metrics;
    return row;
  }

  @Test
  void onlyTheRequiredColumnsInTheirOrder() {
    StructType all = SchemaConverter.toSchema(RUNS);
    StructType required = new StructType(new org.apache.spark.sql.types.StructField[] {
        all.apply("run_id"), all.apply("start_time"), all.apply("metrics")});
    InternalRow row = RowConverter.of(RUNS, required).convert(runRow());
    assertEquals(3, row.numFields());
    assertEquals(UTF8String.fromString("r1"), row.getUTF8String(0));
    assertEquals(1_700_000_000_123_000L, row.getLong(1), "epoch ms become micros");
    MapData m = row.getMap(2);
    assertEquals(2, m.numElements());
    assertEquals(UTF8String.fromString("rmse"), m.keyArray().getUTF8String(0));
    assertEquals(0.25, m.valueArray().getDouble(0));
    assertTrue(Double.isNaN(m.valueArray().getDouble(1)));
  }

  @Test
  void nullStaysNull() {
    StructType required = new StructType().add("end_time", DataTypes.TimestampType);
    assertTrue(RowConverter.of(RUNS, required).convert(runRow()).isNullAt(0));
  }

  @Test
  void nullInANonNullableColumnIsAnError() {
    Object[] row = runRow();
    row[RUNS.index("run_id")] = null;
    org.mlflowtables.core.exceptions.MlflowTablesException e = org.junit.jupiter.api.Assertions
        .assertThrows(org.mlflowtables.core.exceptions.MlflowTablesException.class,
            () -> RowConverter.of(RUNS, new StructType().add("run_id", DataTypes.StringType))
                .convert(row));
    assertTrue(e.getMessage().contains("run_id"), e.getMessage());
  }

  @Test
  void arraysOfStrings() {
    TableDef versions = Tables.get("model_versions");
    Object[] row = new Object[versions.columns().size()];
    row[versions.index("aliases")] = List.of("champion", "prod");
    InternalRow r = RowConverter.of(versions,
        new StructType().add("aliases", DataTypes.createArrayType(DataTypes.StringType)))
        .convert(row);
    assertEquals(UTF8String.fromString("prod"), r.getArray(0).getUTF8String(1));
  }
}
