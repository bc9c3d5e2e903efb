package org.mlflowtables.jdbc.exec;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;

/**
 * Reads one table of core's catalogue over a connection's session: what the planner rules ask
 * core about ({@link #plan}) and what the generated code of a plan calls ({@link #query}).
 */
public final class TableReader {
  private final TableDef def;
  private final MlflowSession session;

  public TableReader(TableDef def, MlflowSession session) {
    this.def = def;
    this.session = session;
  }

  public TableDef def() {
    return def;
  }

  public MlflowSession session() {
    return session;
  }

  /** Core's decision for a request on this table; sends nothing. */
  public ScanPlan plan(ScanRequest request) {
    return ScanPlanner.plan(session.config(), request);
  }

  /** Every column, nothing pushed. */
  public ScanSpec fullScan() {
    List<OutputColumn> all = new ArrayList<>();
    for (int i = 0; i < def.columns().size(); i++) {
      all.add(OutputColumn.of(i));
    }
    return new ScanSpec(def.name(), List.of(), List.of(), null, List.of(), all);
  }

  /**
   * The rows of a scan, streamed page by page: arrays of the spec's outputs (single values when
   * it has one output). Called by the generated code of the plan, once per execution: the
   * statement's parameters are bound here, before any request, and core plans the request with
   * their values (the statement itself is not planned again).
   *
   * @param root the statement's context (parameters, cancel flag, timeout); may be null
   * @throws java.sql.SQLDataException (undeclared) for a NULL parameter or one of the wrong type
   */
  public Enumerable<Object> query(DataContext root, ScanSpec spec) {
    ScanRequest request = spec.bind(
        new ParamValues(def.name(), i -> root == null ? null : root.get("?" + i)));
    return new ScanEnumerable(this, request, spec.outputs(), root);
  }

  @Override
  public String toString() {
    return "TableReader{" + def.name() + "}";
  }
}
