package org.mlflowtables.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/** Prints a (small) Spark result to any stream, as {@link TextTable} does. */
final class SparkShow {
  private SparkShow() {}

  /** Prints a title and at most {@code maxRows} rows of the result. */
  static List<Row> show(PrintStream out, String title, Dataset<Row> df, int maxRows) {
    StructField[] fields = df.schema().fields();
    List<Row> rows = df.limit(maxRows + 1).collectAsList();
    TextTable table = new TextTable(Arrays.stream(fields).map(StructField::name).toList());
    for (Row r : rows.subList(0, Math.min(maxRows, rows.size()))) {
      List<Object> values = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        if (r.isNullAt(i)) {
          values.add(null);
        } else if (fields[i].dataType() instanceof MapType) {
          values.add(r.getJavaMap(i));
        } else if (fields[i].dataType() instanceof ArrayType) {
          values.add(r.getList(i));
        } else {
          values.add(r.get(i));
        }
      }
      table.add(values);
    }
    if (rows.size() > maxRows) {
      table.truncated();
    }
    out.println();
    out.println("== " + title);
    table.print(out);
    return rows.subList(0, Math.min(maxRows, rows.size()));
  }

  /** The lines of the executed plan that describe MLflow scans: what reached the server. */
  static List<String> mlflowScans(Dataset<Row> df) {
    List<String> lines = new ArrayList<>();
    for (String line : df.queryExecution().executedPlan().toString().split("\n")) {
      int at = line.indexOf("MLflowScan");
      if (at >= 0) {
        lines.add(line.substring(at).trim());
      }
    }
    return lines;
  }
}
