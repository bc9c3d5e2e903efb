package org.mlflowtables.core.exceptions;

import java.util.List;

/** A column the table does not have; the message names the table and lists its columns. */
public class UnknownColumnException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final String column;

  public UnknownColumnException(String table, String column, List<String> validColumns) {
    super("Table '" + table + "' has no column '" + column + "'. Valid columns: "
        + String.join(", ", validColumns));
    this.table = table;
    this.column = column;
  }

  public String table() {
    return table;
  }

  public String column() {
    return column;
  }
}
