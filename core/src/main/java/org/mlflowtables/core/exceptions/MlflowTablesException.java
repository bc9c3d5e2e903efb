package org.mlflowtables.core.exceptions;

/** Unchecked root of every error mlflow-tables raises. Messages never contain secrets. */
public class MlflowTablesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MlflowTablesException(String message) {
    super(message);
  }

  public MlflowTablesException(String message, Throwable cause) {
    super(message, cause);
  }
}
