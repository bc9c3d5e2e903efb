package org.mlflowtables.spark.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.ParamRow;

class LogBatchRowMapperTest {
  private static UTF8String s(String v) {
    return UTF8String.fromString(v);
  }

  @Test
  void metricWithTimestampAndNoStep() {
    StructType schema = new StructType().add("RUN_ID", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("timestamp", DataTypes.TimestampType);
    LogBatchRowMapper m = LogBatchRowMapper.of(Tables.get("metrics"), schema);
    MetricRow row = (MetricRow) m.toRow(new GenericInternalRow(
        new Object[] {s("r1"), s("loss"), 0.5, 1_700_000_000_123_456L}));
    assertEquals(new MetricRow("r1", "loss", 0.5, 1_700_000_000_123L, null, null, null, null),
        row, "microseconds are cut to MLflow's milliseconds; no step means MLflow's 0");
  }

  @Test
  void metricWithEpochMillisDecimalValueStepAndLineage() {
    StructType schema = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.createDecimalType(10, 3))
        .add("timestamp", DataTypes.LongType).add("step", DataTypes.IntegerType)
        .add("model_id", DataTypes.StringType).add("experiment_id", DataTypes.StringType);
    LogBatchRowMapper m = LogBatchRowMapper.of(Tables.get("metrics"), schema);
    MetricRow row = (MetricRow) m.toRow(new GenericInternalRow(new Object[] {s("r1"), s("acc"),
        Decimal.apply("0.125"), 1_700_000_000_000L, 7, s("m-1"), s("1")}));
    assertEquals(new MetricRow("r1", "acc", 0.125, 1_700_000_000_000L, 7L, "m-1", null, null),
        row);
  }

  @Test
  void param() {
    StructType schema = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    assertEquals(new ParamRow("r1", "lr", "0.1"), LogBatchRowMapper.of(Tables.get("params"),
        schema).toRow(new GenericInternalRow(new Object[] {s("r1"), s("lr"), s("0.1")})));
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    StructType schema = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.IntegerType).add("vlaue", DataTypes.DoubleType)
        .add("timestamp", DataTypes.TimestampType);
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> LogBatchRowMapper.of(Tables.get("metrics"), schema));
    assertTrue(e.getMessage().contains("column 'key' is INT but must be STRING"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown column 'vlaue'"), e.getMessage());
    assertTrue(e.getMessage().contains("missing column 'value'"), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
  }

  @Test
  void readOnlyTableIsRefused() {
    assertThrows(MlflowTablesException.class,
        () -> LogBatchRowMapper.of(Tables.get("registered_models"), new StructType()));
  }
}
