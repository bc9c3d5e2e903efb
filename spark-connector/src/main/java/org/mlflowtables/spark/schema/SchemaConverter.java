package org.mlflowtables.spark.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.TableDef;

/** Core's table definitions as Spark schemas. */
public final class SchemaConverter {
  private SchemaConverter() {}

  /** The table's columns, in order, with their descriptions as column comments. */
  public static StructType toSchema(TableDef table) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : table.columns()) {
      Metadata meta = c.description().isEmpty()
          ? Metadata.empty()
          : new MetadataBuilder().putString("comment", c.description()).build();
      fields.add(DataTypes.createStructField(c.name(), toDataType(c.type()), c.nullable(), meta));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * The Spark type of a core type. TIMESTAMP (epoch milliseconds, UTC) is Spark's TIMESTAMP
   * (microseconds, UTC); maps have string keys and nullable values.
   */
  public static DataType toDataType(ColumnType type) {
    switch (type) {
      case STRING:
        return DataTypes.StringType;
      case LONG:
        return DataTypes.LongType;
      case DOUBLE:
        return DataTypes.DoubleType;
      case BOOLEAN:
        return DataTypes.BooleanType;
      case TIMESTAMP:
        return DataTypes.TimestampType;
      case MAP_STRING_STRING:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
      case MAP_STRING_DOUBLE:
        return DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true);
      case ARRAY_STRING:
        return DataTypes.createArrayType(DataTypes.StringType, true);
      default:
        throw new IllegalArgumentException("No Spark type for " + type);
    }
  }
}
