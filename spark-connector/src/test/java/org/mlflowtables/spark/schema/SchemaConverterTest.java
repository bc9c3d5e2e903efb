package org.mlflowtables.spark.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.Tables;

class SchemaConverterTest {
  @Test
  void everyCoreTypeHasItsSparkType() {
    assertEquals(DataTypes.StringType, SchemaConverter.toDataType(ColumnType.STRING));
    assertEquals(DataTypes.LongType, SchemaConverter.toDataType(ColumnType.LONG));
    assertEquals(DataTypes.DoubleType, SchemaConverter.toDataType(ColumnType.DOUBLE));
    assertEquals(DataTypes.TimestampType, SchemaConverter.toDataType(ColumnType.TIMESTAMP));
    assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true),
        SchemaConverter.toDataType(ColumnType.MAP_STRING_DOUBLE));
    assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true),
        SchemaConverter.toDataType(ColumnType.MAP_STRING_STRING));
    assertEquals(DataTypes.createArrayType(DataTypes.StringType, true),
        SchemaConverter.toDataType(ColumnType.ARRAY_STRING));
  }

  @Test
  void runsSchemaFollowsTheTableDefinition() {
    StructType schema = SchemaConverter.toSchema(Tables.get("runs"));
    assertEquals(Tables.get("runs").columnNames(), java.util.Arrays.asList(schema.fieldNames()));
    assertFalse(schema.apply("run_id").nullable());
    assertTrue(schema.apply("end_time").nullable());
    assertTrue(schema.apply("run_id").getComment().isDefined());
  }
}
