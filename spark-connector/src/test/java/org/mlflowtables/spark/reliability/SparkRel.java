package org.mlflowtables.spark.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.core.testing.OracleRows;
import org.mlflowtables.spark.Canon;
import org.mlflowtables.spark.SparkTestSessions;

/**
 * Spark helpers of the reliability tests: the oracle's rows as canonical text. The
 * session comes from {@link SparkTestSessions} and a DataFrame's rows from {@link Canon}, as in the
 * connector's other tests.
 */
final class SparkRel {
  private SparkRel() {}


  /** Core-typed rows (the oracle's) as sorted canonical text; times are epoch milliseconds. */
  static List<String> coreRows(Collection<List<Object>> rows, List<Integer> timeColumns) {
    List<String> out = new ArrayList<>();
    for (List<Object> r : rows) {
      Object[] values = r.toArray();
      for (int i : timeColumns) {
        if (values[i] instanceof Long l) {
          values[i] = Instant.ofEpochMilli(l);
        }
      }
      out.add(Canon.row(values));
    }
    out.sort(null);
    return out;
  }

  /**
   * The oracle's rows of {@code table} as sorted canonical text, its TIMESTAMP columns as instants:
   * what a read of the table through Spark must equal.
   */
  static List<String> oracleRows(Oracle oracle, String table) {
    return coreRows(OracleRows.rows(oracle, table), timeColumns(table));
  }

  private static List<Integer> timeColumns(String table) {
    List<Integer> idx = new ArrayList<>();
    List<Column> cols = Tables.get(table).columns();
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).type() == ColumnType.TIMESTAMP) {
        idx.add(i);
      }
    }
    return idx;
  }

}
