package org.mlflowtables.jdbc.rel;

import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.mlflowtables.jdbc.exec.OutputColumn;

/**
 * A conjunct core evaluates exactly, as Calcite had it: for a scan with parameters, Calcite
 * applies it again above the scan (see {@link ScanState#rechecks}).
 *
 * @param condition the conjunct, over the fields of the row it was written against
 * @param fields what each of those fields is
 * @param sql the conjunct as core reads it, for EXPLAIN
 */
record Recheck(RexNode condition, List<OutputColumn> fields, String sql) {
  Recheck {
    fields = List.copyOf(fields);
  }

  @Override
  public String toString() {
    return sql;
  }
}
