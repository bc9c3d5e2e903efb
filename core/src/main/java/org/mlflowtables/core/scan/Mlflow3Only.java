package org.mlflowtables.core.scan;

import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/** The error of an MLflow 3 table on a server without the endpoint it reads (MLflow 2). */
final class Mlflow3Only {
  private Mlflow3Only() {}

  /**
   * The exception to throw for a failed call of an MLflow 3 endpoint: a clear one naming the table
   * and the version it needs when the server lacks the endpoint, else the failure itself.
   */
  static RuntimeException error(String table, String endpoint, MlflowApiException e) {
    if (!e.isEndpointMissing()) {
      return e;
    }
    return new MlflowTablesException("Table '" + table + "' needs an MLflow 3.0 or later "
        + "tracking server: this server has no " + endpoint + " endpoint (" + e.path()
        + " answered HTTP 404). The other tables work with this server.", e);
  }
}
