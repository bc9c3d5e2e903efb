package org.mlflowtables.core.stream;

import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.config.ViewType;

/**
 * What both kinds of stream are made of: the table, the runs it reads (view and scope), its
 * options and its lateness.
 */
abstract class ScopedStream implements TableStream {
  private static final long serialVersionUID = 1L;

  protected final TableDef table;
  protected final ViewType view;
  protected final StreamScope scope;
  protected final StreamSettings settings;
  protected final long lateness;

  ScopedStream(TableDef table, ViewType view, StreamScope scope, StreamSettings settings,
      long lateness) {
    this.table = table;
    this.view = view;
    this.scope = scope;
    this.settings = settings;
    this.lateness = lateness;
  }

  @Override
  public String table() {
    return table.name();
  }

  /** The plan's text of a stream that emits {@code what}. */
  protected String describe(String what) {
    return "MLflowStream " + table.name() + " [" + what + ", " + scope.describe() + ", view="
        + view + ", lateness=" + lateness + "ms, startingOffsets=" + settings.start().text()
        + ", maxRunsPerTrigger=" + settings.maxRunsPerTrigger() + "]";
  }
}
