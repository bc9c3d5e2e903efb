package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlflowtables.core.testing.Throwables;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.Secrets;
import org.mlflowtables.core.testing.BasicAuthFixture;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * The connector against a real {@code mlflow server --app-name basic-auth}: a user granted READ
 * on one experiment sees only its runs, an append to one of them fails naming the permission and
 * lands nothing, wrong and missing credentials get messages that say so, and the password shows
 * in no error, stack trace or plan.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SparkBasicAuthIT {
  private static BasicAuthFixture auth;
  private static SparkSession spark;
  private static final StringBuilder SHOWN = new StringBuilder();

  @BeforeAll
  static void setUp() {
    auth = BasicAuthFixture.start();
    spark = SparkTestSessions.plain();
  }

  @AfterAll
  static void tearDown() {
    try {
      List<String> forms = Secrets.forms(BasicAuthFixture.READER, auth.readerPassword(),
          auth.adminPassword());
      assertNull(Secrets.leak(SHOWN.toString(), forms), "a password was shown");
    } finally {
      auth.close();
    }
  }

  private static DataFrameReader as(String user, String password) {
    DataFrameReader r = spark.read().format("mlflow").option("uri", auth.uri());
    return user == null ? r : r.option("user", user).option("password", password);
  }

  private static Throwable fails(Runnable action) {
    Throwable t = assertThrows(Throwable.class, action::run);
    SHOWN.append(Throwables.messages(t));
    return t;
  }

  @Test
  void aReaderSeesOnlyTheRunsOfTheExperimentItWasGranted() {
    Dataset<Row> runs = as(BasicAuthFixture.READER, auth.readerPassword()).load("runs")
        .select("run_id", "experiment_id");
    List<String> expected = auth.grantedRuns().stream()
        .map(r -> Canon.row(r, auth.grantedExperiment())).sorted().toList();
    assertEquals(expected, Canon.rows(runs));
    SHOWN.append(runs.queryExecution().toString()); // the plans, as EXPLAIN EXTENDED shows them
  }

  @Test
  void anAppendToAReadOnlyExperimentNamesThePermissionAndLandsNothing() {
    String run = auth.grantedRuns().get(0);
    StructType schema = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("timestamp", DataTypes.LongType).add("step", DataTypes.LongType);
    Dataset<Row> points = spark.createDataFrame(List.of(
        RowFactory.create(run, "written", 1.0, 1_700_000_000_000L, 0L)), schema);
    Throwable t = fails(() -> points.write().format("mlflow").option("uri", auth.uri())
        .option("user", BasicAuthFixture.READER).option("password", auth.readerPassword())
        .mode("append").save("metrics"));
    String m = Throwables.messages(t);
    assertTrue(m.contains("permission denied for user 'reader' on run " + run)
        && m.contains("needs EDIT permission"), m);
    assertTrue(auth.admin().getMetricHistory(run, "written", 100, null).items().isEmpty(),
        "nothing landed");
  }

  @Test
  void aWrongPasswordIsNamedAsSuch() {
    Throwable t = fails(() -> as(BasicAuthFixture.READER, "not-" + auth.readerPassword())
        .load("runs").collectAsList());
    String m = Throwables.messages(t);
    assertTrue(m.contains("not authenticated: the server refused the credentials of user"
        + " 'reader': the user name or password is wrong"), m);
  }

  @Test
  void missingCredentialsAreNamedAsSuch() {
    Throwable t = fails(() -> as(null, null).load("experiments").collectAsList());
    String m = Throwables.messages(t);
    assertTrue(m.contains("not authenticated: the server needs credentials and none were given"),
        m);
  }
}
