package org.mlflowtables.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/** {@link MlflowCatalog} through Spark SQL: listing, describing, reading; DDL refused. */
@ExtendWith(MlflowServerExtension.class)
class CatalogIT {
  private static SparkSession spark;
  private static Oracle oracle;

  @BeforeAll
  static void setUp(MlflowServer server, Oracle fixture) {
    spark = SparkTestSessions.plain();
    oracle = fixture;
    spark.conf().set("spark.sql.catalog.mlflow", MlflowCatalog.class.getName());
    spark.conf().set("spark.sql.catalog.mlflow.uri", server.uri());
  }

  private static String message(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }

  @Test
  void showTablesListsEveryTable() {
    List<String> names = spark.sql("SHOW TABLES IN mlflow").collectAsList().stream()
        .map(r -> r.getString(r.fieldIndex("tableName"))).sorted().collect(Collectors.toList());
    assertEquals(Tables.names().stream().sorted().collect(Collectors.toList()), names);
  }

  @Test
  void describeShowsColumnsAndTypes() {
    List<Row> rows = spark.sql("DESCRIBE TABLE mlflow.runs").collectAsList();
    assertEquals("run_id", rows.get(0).getString(0));
    assertEquals("string", rows.get(0).getString(1));
    Row metrics = rows.stream().filter(r -> "metrics".equals(r.getString(0))).findFirst()
        .orElseThrow();
    assertEquals("map<string,double>", metrics.getString(1));
    Row start = rows.stream().filter(r -> "start_time".equals(r.getString(0))).findFirst()
        .orElseThrow();
    assertEquals("timestamp", start.getString(1));
  }

  @Test
  void selectReadsTheTable() {
    String alpha = oracle.experiment("fx-alpha").experimentId();
    long n = spark.sql("SELECT run_id FROM mlflow.runs WHERE experiment_id = '" + alpha + "'")
        .count();
    assertEquals(oracle.runsOf("fx-alpha").stream().filter(r -> !r.deleted()).count(), n);
  }

  @Test
  void namespaceMlflowIsAnAliasOfTheRoot() {
    assertEquals(spark.sql("SELECT * FROM mlflow.experiments").count(),
        spark.sql("SELECT * FROM mlflow.mlflow.experiments").count());
  }

  @Test
  void unknownTableIsNotFound() {
    // Two-part names of a missing table (mlflow.nope) meet Spark's SQL-on-files rule first, since
    // "mlflow" is also a data source name; the namespace spelling gives the plain not-found error.
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("SELECT * FROM mlflow.mlflow.nope"));
    assertTrue(message(e).contains("TABLE_OR_VIEW_NOT_FOUND") && message(e).contains("nope"),
        message(e));
  }

  @Test
  void createTableIsRefused() {
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("CREATE TABLE mlflow.mine (a INT)").collectAsList());
    assertTrue(message(e).contains("cannot be created"), message(e));
  }

  @Test
  void dropTableIsRefused() {
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("DROP TABLE mlflow.runs").collectAsList());
    assertTrue(message(e).contains("cannot be created, altered, renamed or dropped"), message(e));
  }

  @Test
  void alterTableIsRefused() {
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("ALTER TABLE mlflow.runs ADD COLUMN x INT").collectAsList());
    assertTrue(message(e).contains("ALTER TABLE"), message(e));
  }

  @Test
  void insertIntoAReadOnlyTableIsRefused() {
    Exception e = assertThrows(Exception.class,
        () -> spark.sql("INSERT INTO mlflow.registered_models SELECT * FROM"
            + " mlflow.registered_models").collectAsList());
    assertTrue(message(e).contains("registered_models"), message(e));
  }
}
