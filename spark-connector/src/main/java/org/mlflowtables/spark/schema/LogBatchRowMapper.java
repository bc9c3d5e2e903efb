package org.mlflowtables.spark.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.LogRow;
import org.mlflowtables.core.write.MetricRow;
import org.mlflowtables.core.write.ParamRow;
import org.mlflowtables.core.write.TagRow;

/**
 * Maps the rows Spark writes to an MLflow table to core's log-batch rows, matching columns by name
 * (any letter case). Built once per write from the input schema, on the driver, so that a missing,
 * unknown or mistyped column fails before anything is sent:
 *
 * <ul>
 *   <li>{@code metrics}: {@code run_id}, {@code key} (strings), {@code value} (any number), {@code
 *       timestamp} (TIMESTAMP, or a whole number of epoch milliseconds) are required; {@code step}
 *       (a whole number, 0 when absent or NULL), {@code model_id}, {@code dataset_name}, {@code
 *       dataset_digest} (strings) are optional;
 *   <li>{@code params}, {@code tags}: {@code run_id}, {@code key}, {@code value} (strings);
 *   <li>{@code experiment_id}, a column of every writable table, is accepted and ignored (MLflow
 *       logs by run).
 * </ul>
 *
 * The columns and their types come from core's table definition.
 *
 * Values (NULLs, key characters, lengths) are checked by core's writer, row by row.
 */
public final class LogBatchRowMapper implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a column takes. */
  private enum Kind {
    STRING("STRING"),
    NUMBER("a number (DOUBLE, FLOAT, DECIMAL or a whole number)"),
    WHOLE("a whole number (BIGINT, INT, SMALLINT or TINYINT)"),
    TIME("TIMESTAMP, or a whole number of epoch milliseconds");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private record Spec(Kind kind, boolean required) implements Serializable {}

  /**
   * Columns a row may leave out: MLflow's step defaults to 0, lineage is optional, and log-batch
   * addresses runs, not experiments.
   */
  private static final Set<String> OPTIONAL =
      Set.of("step", "model_id", "dataset_name", "dataset_digest", "experiment_id");

  private final String table;
  /** Input ordinal per column name, -1 when the input lacks it. */
  private final Map<String, Integer> ordinal;
  private final Map<String, DataType> types;

  private LogBatchRowMapper(String table, Map<String, Integer> ordinal,
      Map<String, DataType> types) {
    this.table = table;
    this.ordinal = ordinal;
    this.types = types;
  }

  /**
   * The mapping of an input schema onto a writable table.
   *
   * @throws MlflowTablesException naming each missing, unknown or mistyped column
   */
  public static LogBatchRowMapper of(TableDef table, StructType input) {
    Map<String, Spec> specs = specs(table);
    Map<String, Integer> ordinal = new LinkedHashMap<>();
    Map<String, DataType> types = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    StructField[] fields = input.fields();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].name().toLowerCase(Locale.ROOT);
      Spec spec = specs.get(name);
      if (spec == null) {
        problems.add("unknown column '" + fields[i].name() + "'");
      } else if (!seen.add(name)) {
        problems.add("column '" + fields[i].name() + "' given twice");
      } else if (!accepts(spec.kind(), fields[i].dataType())) {
        problems.add("column '" + fields[i].name() + "' is " + fields[i].dataType().sql()
            + " but must be " + spec.kind().description);
      } else {
        ordinal.put(name, i);
        types.put(name, fields[i].dataType());
      }
    }
    for (Map.Entry<String, Spec> e : specs.entrySet()) {
      if (e.getValue().required() && !seen.contains(e.getKey())) {
        problems.add("missing column '" + e.getKey() + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new MlflowTablesException("Cannot write to MLflow table '" + table.name() + "': "
          + String.join("; ", problems) + ". Columns are matched by name; " + table.name()
          + " takes " + describe(specs) + ". Nothing was sent.");
    }
    return new LogBatchRowMapper(table.name(), ordinal, types);
  }

  /** What each column of the table takes, from core's definition. */
  private static Map<String, Spec> specs(TableDef table) {
    if (!table.writable()) {
      throw new MlflowTablesException("MLflow table '" + table.name() + "' is not writable");
    }
    Map<String, Spec> specs = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      Kind kind = switch (c.type()) {
        case STRING -> Kind.STRING;
        case DOUBLE -> Kind.NUMBER;
        case LONG -> Kind.WHOLE;
        case TIMESTAMP -> Kind.TIME;
        default -> throw new IllegalStateException("no write mapping for " + c);
      };
      specs.put(c.name(), new Spec(kind, !OPTIONAL.contains(c.name())));
    }
    return specs;
  }

  /** The core row of one input row. */
  public LogRow toRow(InternalRow row) {
    String runId = string(row, "run_id");
    String key = string(row, "key");
    switch (table) {
      case "metrics":
        return new MetricRow(runId, key, number(row, "value"), time(row, "timestamp"),
            whole(row, "step"), string(row, "model_id"), string(row, "dataset_name"),
            string(row, "dataset_digest"));
      case "params":
        return new ParamRow(runId, key, string(row, "value"));
      default:
        return new TagRow(runId, key, string(row, "value"));
    }
  }

  private String string(InternalRow row, String column) {
    Integer i = ordinal.get(column);
    return i == null || row.isNullAt(i) ? null : row.getUTF8String(i).toString();
  }

  private Double number(InternalRow row, String column) {
    Integer i = ordinal.get(column);
    if (i == null || row.isNullAt(i)) {
      return null;
    }
    DataType t = types.get(column);
    if (t instanceof DoubleType) {
      return row.getDouble(i);
    }
    if (t instanceof FloatType) {
      return (double) row.getFloat(i);
    }
    if (t instanceof DecimalType d) {
      return row.getDecimal(i, d.precision(), d.scale()).toDouble();
    }
    return (double) wholeValue(row, i, t);
  }

  private Long whole(InternalRow row, String column) {
    Integer i = ordinal.get(column);
    return i == null || row.isNullAt(i) ? null : wholeValue(row, i, types.get(column));
  }

  private Long time(InternalRow row, String column) {
    Integer i = ordinal.get(column);
    if (i == null || row.isNullAt(i)) {
      return null;
    }
    DataType t = types.get(column);
    return t instanceof TimestampType ? Math.floorDiv(row.getLong(i), 1000L)
        : wholeValue(row, i, t);
  }

  private static long wholeValue(InternalRow row, int i, DataType t) {
    if (t instanceof LongType) {
      return row.getLong(i);
    }
    if (t instanceof IntegerType) {
      return row.getInt(i);
    }
    if (t instanceof ShortType) {
      return row.getShort(i);
    }
    return row.getByte(i);
  }

  private static boolean accepts(Kind kind, DataType t) {
    boolean whole = t instanceof LongType || t instanceof IntegerType || t instanceof ShortType
        || t instanceof ByteType;
    switch (kind) {
      case STRING:
        return t instanceof StringType;
      case NUMBER:
        return whole || t instanceof DoubleType || t instanceof FloatType
            || t instanceof DecimalType;
      case WHOLE:
        return whole;
      default:
        return whole || t instanceof TimestampType;
    }
  }

  private static String describe(Map<String, Spec> specs) {
    List<String> parts = new ArrayList<>();
    specs.forEach((name, spec) -> parts.add(name + " (" + spec.kind().description
        + (spec.required() ? ", required" : ", optional") + ")"));
    return String.join(", ", parts);
  }

}
