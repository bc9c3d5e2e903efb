package org.mlflowtables.core.exceptions;

import java.util.List;

/** A table name that is not in the catalogue; the message lists the tables there are. */
public class UnknownTableException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  private final String table;

  public UnknownTableException(String table, List<String> validTables) {
    super("Unknown MLflow table '" + table + "'. Valid tables: " + String.join(", ", validTables));
    this.table = table;
  }

  /** The name that was asked for. */
  public String table() {
    return table;
  }
}
