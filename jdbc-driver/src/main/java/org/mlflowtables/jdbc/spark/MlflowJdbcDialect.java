package org.mlflowtables.jdbc.spark;

import java.sql.Types;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import scala.Option;

/**
 * Spark's JDBC reader ({@code spark.read.jdbc("jdbc:mlflow:...", "mlflow.runs", props)}) on the
 * driver's tables. Spark maps JDBC types to its own, but has none for MAP and reads an ARRAY only
 * when a dialect names its element type; without this dialect every table with a map column fails
 * with {@code UNRECOGNIZED_SQL_TYPE}. Here a MAP column reads as a STRING holding the map as JSON
 * (what the driver's {@code getString} returns; {@code from_json(metrics, 'map<string,double>')}
 * turns it back into a map), and an ARRAY column as an array of strings, the only arrays the
 * tables have.
 *
 * <p>Spark finds the dialect itself: it loads every {@code JdbcDialect} listed in
 * {@code META-INF/services}, so putting the driver jar on Spark's classpath ({@code --jars}) is
 * enough. Outside Spark nothing loads this class.
 */
public final class MlflowJdbcDialect extends JdbcDialect {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean canHandle(String url) {
    return url.startsWith("jdbc:mlflow:");
  }

  @Override
  public Option<DataType> getCatalystType(int sqlType, String typeName, int size,
      MetadataBuilder md) {
    // Calcite names a map type "(VARCHAR, DOUBLE) MAP".
    if (sqlType == Types.OTHER && typeName != null && typeName.endsWith("MAP")) {
      return Option.apply(DataTypes.StringType);
    }
    if (sqlType == Types.ARRAY) {
      return Option.apply(DataTypes.createArrayType(DataTypes.StringType));
    }
    return Option.empty();
  }
}
