package org.mlflowtables.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.reliability.FaultsITBase;
import org.mlflowtables.core.reliability.Figures;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * Spark reads through {@link FaultProxy} in front of the real server: under bursts of every
 * transient fault and across a simulated server restart, each table equals MLflow's Python
 * client; with the retry budget spent, the query fails naming the fault and collects nothing.
 */
@Timeout(value = 110, unit = TimeUnit.SECONDS)
class SparkFaultsIT extends FaultsITBase<List<String>> {
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkTestSessions.plain();
  }

  private static DataFrameReader reader(String maxRetries, String pageSize) {
    return spark.read().format("mlflow").option("uri", proxy.uri()).option("viewType", "ALL")
        .option("maxRetries", maxRetries).option("timeoutSeconds", "2")
        .option("pageSize", pageSize).option("maxPartitions", "8");
  }

  static List<String> tablesUnderFaults() {
    return List.of("runs", "params", "metrics", "run_inputs", "model_versions",
        "logged_model_metrics");
  }

  @Override
  protected List<String> readUnderFaults(String table) {
    Dataset<Row> df = reader("6", table.equals("metrics") ? "50" : "4").load(table);
    if (table.equals("model_versions")) {
      df = df.where("name LIKE 'fx-%'");
    } else {
      df = df.where("experiment_id IN " + fixtureExperimentsSql());
    }
    return Canon.rows(df);
  }

  @Override
  protected List<String> oracleAnswer(String table) {
    return SparkRel.oracleRows(oracle, table);
  }

  @Override
  protected int rows(List<String> answer) {
    return answer.size();
  }

  @Test
  void aSpentRetryBudgetFailsTheQueryAndCollectsNothing() {
    // The first requests pass (the scan plans and starts), then every request gets a 503.
    proxy.plan(r -> r.seq() <= 2 ? Fault.NONE : Fault.HTTP_503);
    Dataset<Row> df = reader("1", "3").load("runs")
        .where("experiment_id IN " + fixtureExperimentsSql());
    List<Row> got = new ArrayList<>();
    Exception e = assertThrows(Exception.class, () -> got.addAll(df.collectAsList()));
    assertTrue(got.isEmpty(), "no partial result");
    String m = messages(e);
    assertTrue(m.contains("HTTP 503 from /api/2.0/mlflow/runs/search"), m);
    assertTrue(m.contains("gave up after 2 attempts"), m);
    Figures.addFaults(SparkFaultsIT.class, "aSpentRetryBudgetFailsTheQueryAndCollectsNothing",
        proxy);
    Figures.add(SparkFaultsIT.class, "aSpentRetryBudgetFailsTheQueryAndCollectsNothing",
        "scansFailedCleanly", 1);

    // The same with a proxy's HTML page instead of MLflow JSON.
    proxy.resetCounters();
    proxy.plan(r -> r.seq() <= 2 ? Fault.NONE : Fault.HTML_502_FROM_PROXY);
    Exception html = assertThrows(Exception.class, () -> reader("1", "3").load("runs")
        .where("experiment_id IN " + fixtureExperimentsSql()).collectAsList());
    String hm = messages(html);
    assertTrue(hm.contains("HTTP 502") && hm.contains("text/html, not MLflow JSON"), hm);
    assertFalse(hm.contains("JsonParseException"), "not a parse trace: " + hm);
    Figures.addFaults(SparkFaultsIT.class, "aSpentRetryBudgetFailsTheQueryAndCollectsNothing",
        proxy);
    Figures.add(SparkFaultsIT.class, "aSpentRetryBudgetFailsTheQueryAndCollectsNothing",
        "scansFailedCleanly", 1);
  }

  @Test
  void aScanRidesOutAServerRestart() throws Exception {
    // Open connections cut and the port refusing connections for 2.5 s, once the scan is under
    // way; the query must go on and return exactly the oracle's rows.
    AtomicBoolean restarted = new AtomicBoolean();
    Thread trigger = new Thread(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        if (proxy.requests() >= 8) {
          proxy.outage(Duration.ofMillis(2_500), false);
          restarted.set(true);
          return;
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    trigger.start();
    Dataset<Row> df = reader("12", "2").load("params")
        .where("experiment_id IN " + fixtureExperimentsSql());
    List<String> actual = Canon.rows(df);
    trigger.interrupt();
    trigger.join();
    assertTrue(restarted.get(), "the restart happened during the scan");
    List<String> expected = SparkRel.coreRows(OracleRows.rows(oracle, "params"), List.of());
    assertEquals(expected, actual);
    Figures.add(SparkFaultsIT.class, "aScanRidesOutAServerRestart", "fault.SERVER_RESTART", 1);
    Figures.add(SparkFaultsIT.class, "aScanRidesOutAServerRestart", "rowsCompared",
        expected.size());
  }
}
