package org.mlflowtables.core.exceptions;

/**
 * A predicate that cannot mean anything on its table: a map key on a column that is not a map, a
 * literal of the wrong type, a LIKE on a number, a malformed LIKE pattern. The message names the
 * table (when known) and the column.
 */
public class InvalidPredicateException extends MlflowTablesException {
  private static final long serialVersionUID = 1L;

  public InvalidPredicateException(String message) {
    super(message);
  }
}
