package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.InputColumn.Type;

/**
 * How the rows written to one table become log-batch rows: the columns the table takes (what
 * values, required or not), the {@link LogRow} a row becomes, and the order its rows are best
 * written in. The catalogue's writable tables carry one each; engines only turn their values into
 * Java values ({@link InputColumn.Type}) and call {@link #mapping}.
 */
public enum WriteBinding {
  /** Metric points: the back-fill table. */
  METRICS(List.of(text("run_id", true), text("experiment_id", false), text("key", true),
      new WriteColumn("value", Takes.NUMBER, true), new WriteColumn("timestamp", Takes.TIME, true),
      new WriteColumn("step", Takes.WHOLE, false), text("model_id", false),
      text("dataset_name", false), text("dataset_digest", false)),
      List.of("run_id", "key", "step", "timestamp")) {
    @Override
    LogRow row(RowMapping.Values v) {
      return new MetricRow(v.text("run_id"), v.text("key"), v.number("value"),
          v.whole("timestamp"), v.whole("step"), v.text("model_id"), v.text("dataset_name"),
          v.text("dataset_digest"));
    }
  },
  /** Params: order within a run does not matter (a changed value is refused anyway). */
  PARAMS(keyValue(), List.of("run_id", "key")) {
    @Override
    LogRow row(RowMapping.Values v) {
      return new ParamRow(v.text("run_id"), v.text("key"), v.text("value"));
    }
  },
  /** Tags: the last value of a key wins, so rows keep the order they come in. */
  TAGS(keyValue(), List.of()) {
    @Override
    LogRow row(RowMapping.Values v) {
      return new TagRow(v.text("run_id"), v.text("key"), v.text("value"));
    }
  };

  /** What values a column takes. */
  enum Takes {
    TEXT("STRING"),
    NUMBER("a number (DOUBLE, FLOAT, DECIMAL or a whole number)"),
    WHOLE("a whole number (BIGINT, INT, SMALLINT or TINYINT)"),
    TIME("TIMESTAMP, or a whole number of epoch milliseconds");

    final String description;

    Takes(String description) {
      this.description = description;
    }

    boolean accepts(Type t) {
      return switch (this) {
        case TEXT -> t == Type.STRING;
        case NUMBER -> t == Type.INTEGER || t == Type.FRACTIONAL;
        case WHOLE -> t == Type.INTEGER;
        case TIME -> t == Type.INTEGER || t == Type.TIMESTAMP;
      };
    }

    /** What an engine hands over for a column of the table's own type. */
    Type ownType() {
      return switch (this) {
        case TEXT -> Type.STRING;
        case NUMBER -> Type.FRACTIONAL;
        case WHOLE -> Type.INTEGER;
        case TIME -> Type.TIMESTAMP;
      };
    }
  }

  /** A column the table takes. */
  record WriteColumn(String name, Takes takes, boolean required) {}

  private final List<WriteColumn> columns;
  private final List<String> order;

  WriteBinding(List<WriteColumn> columns, List<String> order) {
    this.columns = columns;
    this.order = order;
  }

  private static WriteColumn text(String name, boolean required) {
    return new WriteColumn(name, Takes.TEXT, required);
  }

  /** Params and tags: {@code experiment_id} is accepted and ignored (MLflow logs by run). */
  private static List<WriteColumn> keyValue() {
    return List.of(text("run_id", true), text("experiment_id", false), text("key", true),
        text("value", true));
  }

  /** The log row of one input row. */
  abstract LogRow row(RowMapping.Values values);

  /** The table's columns, in order. */
  public List<String> columnNames() {
    return columns.stream().map(WriteColumn::name).toList();
  }

  /** Whether rows must give the column; the table's other columns may be left out. */
  public boolean required(String column) {
    return columns.stream().anyMatch(c -> c.name().equals(column) && c.required());
  }

  /**
   * The column rows of one run are best kept together by (so that a writer holds whole runs and
   * fills its requests), or empty when rows must keep the order they come in.
   */
  public Optional<String> clusterBy() {
    return order.isEmpty() ? Optional.empty() : Optional.of(order.get(0));
  }

  /** The columns rows are best sorted by (within what {@link #clusterBy} keeps together). */
  public List<String> orderBy() {
    return order;
  }

  /**
   * The mapping of an engine's columns onto the table, matched by name in any letter case.
   *
   * @param table the table's name, for messages
   * @throws MlflowTablesException naming every unknown, repeated, mistyped or missing column
   */
  public RowMapping mapping(String table, List<InputColumn> input) {
    Map<String, WriteColumn> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.put(c.name(), c));
    Map<String, Integer> positions = new HashMap<>();
    Map<String, String> inputNames = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      InputColumn in = input.get(i);
      String name = in.name().toLowerCase(Locale.ROOT);
      WriteColumn c = byName.get(name);
      if (c == null) {
        problems.add("unknown column '" + in.name() + "'");
      } else if (!seen.add(name)) {
        problems.add("column '" + in.name() + "' given twice");
      } else if (!c.takes().accepts(in.type())) {
        problems.add("column '" + in.name() + "' is " + in.typeName() + " but must be "
            + c.takes().description);
      } else {
        positions.put(name, i);
        inputNames.put(name, in.name());
      }
    }
    for (WriteColumn c : columns) {
      if (c.required() && !seen.contains(c.name())) {
        problems.add("missing column '" + c.name() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new MlflowTablesException("Cannot write to MLflow table '" + table + "': "
          + String.join("; ", problems) + ". Columns are matched by name; " + table + " takes "
          + describe() + ". Nothing was sent.");
    }
    return new RowMapping(table, this, positions, inputNames);
  }

  /** The mapping of rows that hold every column of the table, in the table's order. */
  public RowMapping mapping(String table) {
    return mapping(table, columns.stream()
        .map(c -> new InputColumn(c.name(), c.takes().ownType(), null)).toList());
  }

  private String describe() {
    List<String> parts = new ArrayList<>();
    for (WriteColumn c : columns) {
      parts.add(c.name() + " (" + c.takes().description
          + (c.required() ? ", required" : ", optional") + ")");
    }
    return String.join(", ", parts);
  }
}
