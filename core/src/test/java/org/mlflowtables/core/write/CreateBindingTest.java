package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.InputColumn.Type;

/** The write bindings of experiments and runs, and the rules a run row is checked against. */
class CreateBindingTest {
  private static final Map<String, String> NONE = Map.of();

  @Test
  void experimentsRowsOfTheTablesOwnColumnsKeepNameLocationAndTagsOnly() {
    assertEquals(new ExperimentRow("e", "s3://b", Map.of("k", "v")),
        WriteBinding.EXPERIMENTS.mapping("experiments").toRow(new Object[] {"7", "e", "s3://b",
            "active", 1L, 2L, Map.of("k", "v")}),
        "what MLflow assigns (id, stage, times) is taken and ignored");
  }

  @Test
  void runsOfTheTablesOwnColumnsMapInTheTablesOrder() {
    RowMapping m = WriteBinding.RUNS.mapping("runs");
    assertEquals(new RunRow("src", "n", "3", null, "FAILED", 10L, 20L, Map.of("m", 0.5),
        Map.of("p", "1"), Map.of("t", "x")), m.toRow(new Object[] {"src", "n", "3", "ann",
            "FAILED", 10L, 20L, "file:/a", "active", Map.of("m", new BigDecimal("0.5")),
            Map.of("p", "1"), Map.of("t", "x")}));
    assertEquals(Tables.RUNS.columnNames(), WriteBinding.RUNS.columnNames());
  }

  @Test
  void anEngineMayNameTheRunsExperimentInsteadOfGivingItsId() {
    RowMapping m = WriteBinding.RUNS.mapping("runs", List.of(
        new InputColumn("run_id", Type.STRING, null), new InputColumn("status", Type.STRING, null),
        new InputColumn("start_time", Type.TIMESTAMP, null),
        new InputColumn("experiment_name", Type.STRING, null),
        new InputColumn("metrics", Type.NUMBER_MAP, "MAP<STRING,INT>")));
    assertEquals(new RunRow("k", null, null, "exp", "RUNNING", 5L, null, Map.of("m", 2.0), NONE,
        NONE), m.toRow(new Object[] {"k", "RUNNING", 5L, "exp", Map.of("m", 2)}));
  }

  @Test
  void aMapOfOtherValuesIsRefusedNamingTheColumn() {
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> WriteBinding.EXPERIMENTS.mapping("experiments").toRow(new Object[] {null, "e", null,
            null, null, null, Map.of("k", 1)}));
    assertTrue(e.getMessage().contains("column 'tags' holds a "), e.getMessage());
    assertTrue(e.getMessage().contains("not a map of text to text"), e.getMessage());
  }

  private static String refusal(RunRow r) {
    return assertThrows(InvalidRowException.class, () -> RunRowRules.check(r, WriteResult.EMPTY))
        .getMessage();
  }

  private static RunRow run(String key, String experimentId, String experimentName,
      String status, Long start, Long end) {
    return new RunRow(key, "n", experimentId, experimentName, status, start, end, null, null,
        null);
  }

  @Test
  void aRunRowNeedsItsSourceKey() {
    assertTrue(refusal(run("", "1", null, "FINISHED", 0L, null))
        .startsWith("Invalid run row '' (experiment 1): 'run_id' (the run's key in its source"));
  }

  @Test
  void aRunRowGivesItsExperimentOneWay() {
    assertTrue(refusal(run("k", "1", "e", "FINISHED", 0L, null)).contains("give its experiment"
        + " by 'experiment_id' or by 'experiment_name', one of the two"));
    assertTrue(refusal(run("k", "", null, "FINISHED", 0L, null)).contains("one of the two"));
  }

  @Test
  void aRunRowsStatusIsOneOfMlflows() {
    assertTrue(refusal(run("k", null, "e", "finished", 0L, null)).equals("Invalid run row 'k'"
        + " (experiment named 'e'): status 'finished' is not one of MLflow's: FAILED, FINISHED,"
        + " KILLED, RUNNING, SCHEDULED. Nothing was written so far."));
  }

  @Test
  void aRunRowsTimesAreNotBefore1970() {
    assertTrue(refusal(run("k", "1", null, "FINISHED", 0L, -1L)).contains("'end_time'"
        + " 1969-12-31T23:59:59.999Z is before 1970"));
    assertTrue(refusal(run("k", "1", null, "FINISHED", null, null))
        .contains("'start_time' is required"));
  }

  @Test
  void aRunRowsMapsHoldNoNull() {
    java.util.Map<String, String> params = new java.util.HashMap<>();
    params.put("lr", null);
    assertTrue(refusal(new RunRow("k", "n", "1", null, "FINISHED", 0L, null, null, params, null))
        .contains("'params' holds a NULL value for key 'lr'"));
  }
}
