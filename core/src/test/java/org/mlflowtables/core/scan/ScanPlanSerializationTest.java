package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.SortKey;

/** Engines ship plans to their workers (Spark executors): a plan survives serialization. */
class ScanPlanSerializationTest {
  static List<String> tables() {
    return Tables.all().stream().map(TableDef::name).toList();
  }

  @ParameterizedTest
  @MethodSource("tables")
  void aPlanWithFiltersAndOrderSerializes(String table) throws Exception {
    MlflowConfig config = MlflowConfig.from(Map.of("uri", "http://localhost:5000",
        "token", "secret-token"), Map.of());
    String first = Tables.get(table).columnNames().get(0);
    ScanPlan plan = ScanPlanner.plan(config, new ScanRequest(table,
        List.of(new Comparison(new ColumnRef(first), CompareOp.EQ, new Literal("x'y"))),
        List.of(SortKey.asc(new ColumnRef(first))), 10L));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    ScanPlan back;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ScanPlan) in.readObject();
    }
    assertEquals(plan.describe(), back.describe());
    assertEquals(plan.residualFilters(), back.residualFilters());
  }
}
