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
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.InputColumn.Type;

/**
 * How the rows written to one table become rows of its writer: the columns the table takes (what
 * values, required or not), the {@link WriteRow} a row becomes, the order its rows are best
 * written in, and the {@link TableWriter} that writes them. The catalogue's writable tables carry one each; engines only turn their values into
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
  },
  /**
   * Experiments, created by name when new, their tags merged when not ({@link ExperimentWriter}).
   * What MLflow assigns (id, stage, times) is taken and ignored, so that rows read from one server
   * can be written to another; rows are clustered by name, so one task holds each name.
   */
  EXPERIMENTS(List.of(text("experiment_id", false), text("name", true),
      text("artifact_location", false), text("lifecycle_stage", false),
      new WriteColumn("creation_time", Takes.TIME, false),
      new WriteColumn("last_update_time", Takes.TIME, false),
      new WriteColumn("tags", Takes.TEXT_MAP, false)), List.of("name")) {
    @Override
    WriteRow row(RowMapping.Values v) {
      return new ExperimentRow(v.text("name"), v.text("artifact_location"), v.textMap("tags"));
    }

    @Override
    public TableWriter writer(MlflowClient client) {
      return ExperimentWriter.create(client);
    }
  },
  /**
   * Runs, created unless the target has the run of their source key ({@link RunWriter}); {@code
   * run_id} is that key. {@code experiment_name} is no column of the table: engines that let a
   * write bring its own columns (Spark) may name the experiment instead of giving its id.
   * {@code user_id}, {@code artifact_uri} and {@code lifecycle_stage} are taken and ignored
   * (MLflow sets them); rows are clustered by key, so one task holds each run.
   */
  RUNS(List.of(text("run_id", true), text("run_name", false), text("experiment_id", false),
      text("user_id", false), text("status", true),
      new WriteColumn("start_time", Takes.TIME, true),
      new WriteColumn("end_time", Takes.TIME, false), text("artifact_uri", false),
      text("lifecycle_stage", false), new WriteColumn("metrics", Takes.NUMBER_MAP, false),
      new WriteColumn("params", Takes.TEXT_MAP, false),
      new WriteColumn("tags", Takes.TEXT_MAP, false),
      new WriteColumn("experiment_name", Takes.TEXT, false, false)), List.of("run_id")) {
    @Override
    WriteRow row(RowMapping.Values v) {
      return new RunRow(v.text("run_id"), v.text("run_name"), v.text("experiment_id"),
          v.text("experiment_name"), v.text("status"), v.whole("start_time"),
          v.whole("end_time"), v.numberMap("metrics"), v.textMap("params"), v.textMap("tags"));
    }

    @Override
    public TableWriter writer(MlflowClient client) {
      return RunWriter.create(client);
    }
  },
  /**
   * Dataset inputs of runs, logged unless the run has the dataset ({@link InputWriter}); model
   * rows are refused. {@code experiment_id} is taken and ignored (MLflow logs by run); rows are
   * clustered by run.
   */
  RUN_INPUTS(List.of(text("run_id", true), text("experiment_id", false), text("kind", false),
      text("dataset_name", true), text("dataset_digest", true), text("source_type", true),
      text("source", true), text("schema", false), text("profile", false),
      text("model_id", false), new WriteColumn("tags", Takes.TEXT_MAP, false)),
      List.of("run_id")) {
    @Override
    WriteRow row(RowMapping.Values v) {
      return new InputRow(v.text("run_id"), v.text("kind"), v.text("dataset_name"),
          v.text("dataset_digest"), v.text("source_type"), v.text("source"), v.text("schema"),
          v.text("profile"), v.text("model_id"), v.textMap("tags"));
    }

    @Override
    public TableWriter writer(MlflowClient client) {
      return InputWriter.create(client);
    }
  };

  /** What values a column takes. */
  enum Takes {
    TEXT("STRING"),
    NUMBER("a number (DOUBLE, FLOAT, DECIMAL or a whole number)"),
    WHOLE("a whole number (BIGINT, INT, SMALLINT or TINYINT)"),
    TIME("TIMESTAMP, or a whole number of epoch milliseconds"),
    TEXT_MAP("MAP<STRING, STRING>"),
    NUMBER_MAP("MAP<STRING, DOUBLE> (or another number type)");

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
        case TEXT_MAP -> t == Type.TEXT_MAP;
        case NUMBER_MAP -> t == Type.NUMBER_MAP;
      };
    }

    /** What an engine hands over for a column of the table's own type. */
    Type ownType() {
      return switch (this) {
        case TEXT -> Type.STRING;
        case NUMBER -> Type.FRACTIONAL;
        case WHOLE -> Type.INTEGER;
        case TIME -> Type.TIMESTAMP;
        case TEXT_MAP -> Type.TEXT_MAP;
        case NUMBER_MAP -> Type.NUMBER_MAP;
      };
    }
  }

  /**
   * A column the table takes; {@code inTable} false for one that only writes have (engines whose
   * rows are the table's own columns never give it).
   */
  record WriteColumn(String name, Takes takes, boolean required, boolean inTable) {
    WriteColumn(String name, Takes takes, boolean required) {
      this(name, takes, required, true);
    }
  }

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

  /** The row of one input row. */
  abstract WriteRow row(RowMapping.Values values);

  /** A writer of the table's rows (one per Spark task or JDBC statement); close it. */
  public TableWriter writer(MlflowClient client) {
    return LogBatchWriter.create(client);
  }

  /** The table's columns it takes, in order (without those only writes have). */
  public List<String> columnNames() {
    return columns.stream().filter(WriteColumn::inTable).map(WriteColumn::name).toList();
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
    return mapping(table, columns.stream().filter(WriteColumn::inTable)
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
