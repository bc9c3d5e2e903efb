package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.InputColumn.Type;

class WriteBindingTest {
  private static InputColumn col(String name, Type type, String typeName) {
    return new InputColumn(name, type, typeName);
  }

  @Test
  void columnsAreMatchedByNameInAnyCaseAndOrder() {
    RowMapping m = WriteBinding.METRICS.mapping("metrics", List.of(
        col("Timestamp", Type.TIMESTAMP, "TIMESTAMP"), col("VALUE", Type.INTEGER, "INT"),
        col("key", Type.STRING, "STRING"), col("RUN_ID", Type.STRING, "STRING")));
    assertEquals(new MetricRow("r1", "loss", 3.0, 1_700_000_000_123L, null, null, null, null),
        m.toRow(new Object[] {1_700_000_000_123L, 3, "loss", "r1"}),
        "an absent step is null (MLflow's 0); a whole-number value is a number");
    assertEquals("RUN_ID", m.inputName("run_id"));
    assertNull(m.inputName("step"));
  }

  @Test
  void everyProblemIsNamedAtOnceBeforeAnythingIsSent() {
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> WriteBinding.METRICS.mapping("metrics", List.of(col("run_id", Type.STRING, "STRING"),
            col("key", Type.INTEGER, "INT"), col("vlaue", Type.FRACTIONAL, "DOUBLE"),
            col("timestamp", Type.TIMESTAMP, "TIMESTAMP"), col("run_id", Type.STRING, "STRING"),
            col("step", Type.FRACTIONAL, "DOUBLE"))));
    String msg = e.getMessage();
    assertTrue(msg.startsWith("Cannot write to MLflow table 'metrics': "), msg);
    assertTrue(msg.contains("column 'key' is INT but must be STRING"), msg);
    assertTrue(msg.contains("unknown column 'vlaue'"), msg);
    assertTrue(msg.contains("column 'run_id' given twice"), msg);
    assertTrue(msg.contains("column 'step' is DOUBLE but must be a whole number"), msg);
    assertTrue(msg.contains("missing column 'value'"), msg);
    assertTrue(!msg.contains("missing column 'key'"), "a mistyped column is not also missing");
    assertTrue(msg.contains("value (a number (DOUBLE, FLOAT, DECIMAL or a whole number), required)"),
        msg);
    assertTrue(msg.endsWith("Nothing was sent."), msg);
  }

  @Test
  void theTablesOwnColumnsMapInTheTablesOrder() {
    assertEquals(new ParamRow("r1", "lr", "0.1"), WriteBinding.PARAMS.mapping("params")
        .toRow(new Object[] {"r1", "0", "lr", "0.1"}));
    assertEquals(new TagRow("r1", "stage", "prod"), WriteBinding.TAGS.mapping("tags")
        .toRow(new Object[] {"r1", null, "stage", "prod"}));
  }

  @Test
  void wholeDecimalsAreWholeNumbersAndFractionsAreNot() {
    RowMapping m = WriteBinding.METRICS.mapping("metrics");
    Object[] row = {"r1", null, "k", new BigDecimal("0.25"), 5L, new BigDecimal("7.000"), null,
        null, null};
    assertEquals(MetricRow.of("r1", "k", 0.25, 5, 7), m.toRow(row));
    row[5] = new BigDecimal("7.5");
    MlflowTablesException e = assertThrows(MlflowTablesException.class, () -> m.toRow(row));
    assertEquals("Cannot write to MLflow table 'metrics': column 'step' holds a BigDecimal, not a"
        + " whole number.", e.getMessage());
  }

  @Test
  void aValueOfAnotherClassNamesTableAndColumn() {
    RowMapping m = WriteBinding.TAGS.mapping("tags");
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> m.toRow(new Object[] {"r1", null, 42, "v"}));
    assertEquals("Cannot write to MLflow table 'tags': column 'key' holds a Integer, not text.",
        e.getMessage());
  }

  @Test
  void metricsAndParamsAskForWholeRunsTagsKeepTheirOrder() {
    assertEquals(Optional.of("run_id"), WriteBinding.METRICS.clusterBy());
    assertEquals(List.of("run_id", "key", "step", "timestamp"), WriteBinding.METRICS.orderBy());
    assertEquals(Optional.of("run_id"), WriteBinding.PARAMS.clusterBy());
    assertEquals(Optional.empty(), WriteBinding.TAGS.clusterBy());
    assertEquals(List.of(), WriteBinding.TAGS.orderBy());
  }

  @Test
  void runKeyAndValueAreRequiredStepLineageAndExperimentAreNot() {
    for (String c : List.of("run_id", "key", "value", "timestamp")) {
      assertTrue(WriteBinding.METRICS.required(c), c);
    }
    for (String c : List.of("experiment_id", "step", "model_id", "dataset_name", "nope")) {
      assertTrue(!WriteBinding.METRICS.required(c), c);
    }
  }

  @Test
  void mappingsSurviveSerialization() throws Exception {
    RowMapping m = WriteBinding.PARAMS.mapping("params");
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    try (var in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      RowMapping back = (RowMapping) in.readObject();
      assertEquals(new ParamRow("r", "k", "v"), back.toRow(new Object[] {"r", null, "k", "v"}));
    }
  }
}
