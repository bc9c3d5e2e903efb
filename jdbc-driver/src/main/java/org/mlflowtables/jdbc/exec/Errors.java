package org.mlflowtables.jdbc.exec;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.WriteException;

/**
 * Core's failures as {@link SQLException}s that name what failed (the server, the table, the run)
 * with the right SQLState. Messages come from core, which never puts a secret in one, plus the
 * tracking URI without user info.
 */
public final class Errors {
  private Errors() {}

  /** A failure while reading {@code table}. */
  public static SQLException reading(String table, MlflowSession session, RuntimeException e) {
    return convert("Cannot read MLflow table '" + table + "' from " + session.where(), e);
  }

  /** A failure while writing {@code table}. */
  public static SQLException writing(String table, MlflowSession session, RuntimeException e) {
    return convert("Cannot write MLflow table '" + table + "' at " + session.where(), e);
  }

  private static SQLException convert(String what, RuntimeException e) {
    if (e instanceof MlflowApiException api) {
      int status = api.httpStatus();
      // Core's message names the cause: credentials missing or wrong, or the permission lacking.
      if (status == 401) {
        return new SQLInvalidAuthorizationSpecException(what + ": " + api.getMessage(), "28000",
            status, e);
      }
      if (status == 403) {
        return new SQLException(what + ": " + api.getMessage(), "42501", status, e);
      }
      if (status == 0) {
        return new SQLTransientConnectionException(what + ": the server did not answer. "
            + api.getMessage(), "08001", e);
      }
      return new SQLException(what + ": " + api.getMessage(), "HY000", status, e);
    }
    if (e instanceof ConfigException) {
      return new SQLNonTransientConnectionException(what + ": " + e.getMessage(), "08001", e);
    }
    if (e instanceof WriteException || e instanceof MlflowTablesException) {
      return new SQLException(what + ": " + e.getMessage(), "HY000", e);
    }
    return new SQLException(what + ": " + e, "HY000", e);
  }

  static SQLException cancelled(String table) {
    return new SQLException("Statement canceled while reading MLflow table '" + table + "'",
        "HY008");
  }

  static SQLTimeoutException timedOut(String table, long timeoutMillis) {
    return new SQLTimeoutException("Query timeout (" + (timeoutMillis / 1000.0)
        + " s) reached while reading MLflow table '" + table + "'", "HYT00");
  }

  /**
   * Throws a SQLException from code that cannot declare it (the enumerators of Calcite's
   * generated code); JDBC callers ({@code ResultSet.next()}, {@code executeQuery()}) expect one.
   */
  public static RuntimeException raise(SQLException e) {
    throw sneakyThrow(e);
  }

  /**
   * The SQLException behind a RuntimeException Calcite made of it while a statement started
   * (the driver's Meta keeps it as the cause): throws that SQLException when found; otherwise
   * returns {@code e}.
   */
  public static RuntimeException recover(RuntimeException e) {
    if (e.getCause() instanceof SQLException sql) {
      throw sneakyThrow(sql);
    }
    return e;
  }

  /**
   * Throws a checked exception without declaring it.
   */
  @SuppressWarnings("unchecked")
  public static <E extends Throwable> RuntimeException sneakyThrow(Throwable e) throws E {
    throw (E) e;
  }
}
