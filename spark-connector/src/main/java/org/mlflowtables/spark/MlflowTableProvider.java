package org.mlflowtables.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.spark.config.SparkMlflowOptions;

/**
 * The {@code mlflow} data source: {@code spark.read.format("mlflow").option("uri", url).load("runs")}
 * (or {@code .option("table", "runs").load()}) and {@code df.write.format("mlflow").mode("append")
 * .save("metrics")}. Options are core's settings (see {@link SparkMlflowOptions}); an unknown table
 * or option fails at {@code load()} with a message naming it, and so does a jar of another Spark
 * line than the running one (naming the jar to use).
 */
public final class MlflowTableProvider implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "mlflow";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return table(options.asCaseSensitiveMap()).schema();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return table(properties);
  }

  private static MlflowTable table(Map<String, String> properties) {
    SparkLine.require();
    SparkMlflowOptions options = SparkMlflowOptions.from(properties);
    if (options.table() == null) {
      throw new ConfigException("Name the MLflow table: load(\"runs\") or option(\"table\", \"runs\")."
          + " Valid tables: " + String.join(", ", Tables.names()));
    }
    TableDef def = Tables.get(options.table());
    return new MlflowTable(def, options);
  }
}
