package org.mlflowtables.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.write.InputColumn;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.WriteBinding;

/** The writable tables' bindings agree with their columns, so that an INSERT of every column maps. */
class WritableTablesTest {
  @Test
  void exactlyExperimentsRunsMetricsParamsTagsAndRunInputsAreWritable() {
    List<String> writable = Tables.all().stream().filter(TableDef::writable)
        .map(TableDef::name).sorted().toList();
    assertEquals(List.of("experiments", "metrics", "params", "run_inputs", "runs", "tags"), writable);
  }

  @Test
  void eachBindingTakesItsTablesColumnsInTheirOrder() {
    for (TableDef def : Tables.all()) {
      def.writes().ifPresent(b -> assertEquals(def.columnNames(), b.columnNames(), def.name()));
    }
  }

  @Test
  void eachBindingAcceptsItsTablesOwnTypes() {
    for (TableDef def : Tables.all()) {
      if (def.writable()) {
        List<InputColumn> own = def.columns().stream()
            .map(c -> new InputColumn(c.name(), typeOf(c.type()), c.type().sqlName())).toList();
        def.writes().get().mapping(def.name(), own); // throws naming any column it refuses
      }
    }
  }

  @Test
  void aRowOfEveryMetricsColumnInTableOrderMaps() {
    TableDef metrics = Tables.get("metrics");
    Object[] row = {"r1", "0", "loss", 0.5, 1_700_000_000_000L, 3L, "m-1", "eval", "d1"};
    assertEquals(MetricRow.of("r1", "loss", 0.5, 1_700_000_000_000L, 3).withLineage("m-1",
        "eval", "d1"), metrics.writes().get().mapping(metrics.name()).toRow(row));
    assertTrue(Tables.get("registered_models").writes().isEmpty());
  }

  private static InputColumn.Type typeOf(ColumnType t) {
    return switch (t) {
      case STRING -> InputColumn.Type.STRING;
      case LONG -> InputColumn.Type.INTEGER;
      case DOUBLE -> InputColumn.Type.FRACTIONAL;
      case TIMESTAMP -> InputColumn.Type.TIMESTAMP;
      case MAP_STRING_STRING -> InputColumn.Type.TEXT_MAP;
      case MAP_STRING_DOUBLE -> InputColumn.Type.NUMBER_MAP;
      default -> InputColumn.Type.OTHER;
    };
  }
}
