package org.mlflowtables.spark;

import static org.mlflowtables.core.testing.Throwables.messages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/** Bad input fails with a message naming the culprit; secrets never show in plans. */
@ExtendWith(MlflowServerExtension.class)
class ErrorsIT {
  private static final String TOKEN = "dapi-s3cr3t-t0ken-value";
  private static SparkSession spark;
  private static String uri;

  @BeforeAll
  static void setUp(MlflowServer server) {
    spark = SparkTestSessions.plain();
    uri = server.uri();
  }


  @Test
  void unknownTableIsNamedWithTheValidOnes() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("mlflow").option("uri", uri).load("runz"));
    assertTrue(messages(e).contains("runz") && messages(e).contains("runs"), messages(e));
  }

  @Test
  void missingTableSaysHowToNameOne() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("mlflow").option("uri", uri).load());
    assertTrue(messages(e).contains("load(\"runs\")"), messages(e));
  }

  @Test
  void tableOptionWorksLikeThePath() {
    Dataset<Row> df = spark.read().format("mlflow").option("uri", uri).option("table", "experiments")
        .load();
    assertEquals(spark.read().format("mlflow").option("uri", uri).load("experiments").count(),
        df.count());
  }

  @Test
  void unknownOptionIsNamed() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("mlflow").option("uri", uri).option("pagesize_typo", "5")
            .load("runs"));
    assertTrue(messages(e).contains("pagesize_typo"), messages(e));
  }

  @Test
  void invalidOptionValueIsNamed() {
    Exception e = assertThrows(Exception.class,
        () -> spark.read().format("mlflow").option("uri", uri).option("viewType", "SOME")
            .load("runs"));
    assertTrue(messages(e).contains("viewType"), messages(e));
  }

  @Test
  void unreachableServerFailsTheQueryWithTheEndpoint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Dataset<Row> df = spark.read().format("mlflow").option("uri", "http://127.0.0.1:" + port)
        .option("maxRetries", "0").option("timeoutSeconds", "2").load("experiments");
    Exception e = assertThrows(Exception.class, df::collectAsList);
    assertTrue(messages(e).contains("/api/2.0/mlflow/experiments/search"), messages(e));
  }

  @Test
  void explainNeverShowsTheToken() {
    Dataset<Row> df = spark.read().format("mlflow").option("uri", uri).option("token", TOKEN)
        .load("runs").where("status = 'FINISHED'");
    String plans = df.queryExecution().toString() + df.queryExecution().explainString(
        org.apache.spark.sql.execution.ExtendedMode$.MODULE$);
    assertTrue(plans.contains("MLflowScan runs"), plans);
    assertFalse(plans.contains(TOKEN), plans);
  }

  @Test
  void writingToAReadOnlyTableIsRefused() {
    Dataset<Row> df = spark.read().format("mlflow").option("uri", uri).load("registered_models");
    Exception e = assertThrows(Exception.class, () -> df.write().format("mlflow")
        .option("uri", uri).mode("append").save("registered_models"));
    assertTrue(messages(e).contains("registered_models"), messages(e));
  }
}
