package org.mlflowtables.jdbc;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.MlflowTablesMetaBase;
import org.apache.calcite.linq4j.Linq4j;
import org.mlflowtables.jdbc.exec.Errors;
import org.mlflowtables.jdbc.schema.MlflowSchema;
import org.mlflowtables.jdbc.schema.WriteBatch;

/**
 * Calcite's Meta with one change: a JDBC batch ({@code PreparedStatement.addBatch()} then
 * {@code executeBatch()}) of INSERTs into MLflow tables is written as one log-batch write. The
 * statement still executes once per parameter set (in one context for the batch: {@link
 * #executeUpdateBatch}), but the rows are only buffered and sent, grouped by run, when the batch
 * ends. If the batch fails, nothing buffered is sent; what had been sent stays (MLflow has no
 * transactions) and the exception says how much that was.
 */
final class MlflowMeta extends MlflowTablesMetaBase {
  MlflowMeta(AvaticaConnection connection) {
    super(connection);
  }

  /**
   * Clears a statement's cancel flag when it starts executing again: Avatica never resets it, so a
   * statement cancelled once would fail every later execution with "Statement canceled".
   */
  private void newExecution(StatementHandle h) throws NoSuchStatementException {
    connection.getCancelFlag(h).set(false);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    newExecution(h);
    try {
      return super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
    } catch (RuntimeException e) {
      throw unwrap(e);
    } catch (ExceptionInInitializerError e) {
      throw initializerFailed(e);
    }
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    newExecution(h);
    try {
      return super.execute(h, parameterValues, maxRowsInFirstFrame);
    } catch (RuntimeException e) {
      throw unwrap(e);
    } catch (ExceptionInInitializerError e) {
      throw initializerFailed(e);
    }
  }

  /**
   * The rows of an executed statement, stopped after the statement's {@code setMaxRows}: Avatica
   * applies it to a {@code Statement}'s SQL but not to a {@code PreparedStatement}, whose rows
   * would otherwise all be read. Stopping early also stops the paging.
   */
  @Override
  public Iterable<Object> createIterable(StatementHandle h, QueryState state,
      Signature signature, List<TypedValue> parameters, Frame firstFrame) {
    try {
      Iterable<Object> rows = super.createIterable(h, state, signature, parameters, firstFrame);
      long maxRows = maxRows(h);
      return maxRows > 0
          ? Linq4j.asEnumerable(rows).take((int) Math.min(maxRows, Integer.MAX_VALUE)) : rows;
    } catch (RuntimeException e) {
      throw unwrap(e);
    } catch (ExceptionInInitializerError e) {
      throw initializerFailed(e);
    }
  }

  private long maxRows(StatementHandle h) {
    AvaticaStatement statement = connection.statementMap.get(h.id);
    try {
      return statement == null ? 0 : statement.getLargeMaxRows();
    } catch (SQLException e) {
      return 0; // a closed statement reads no rows anyway
    }
  }

  /**
   * Calcite wraps a SQLException raised while a statement starts (by the driver: the server is
   * unreachable, the credentials are refused, the query timed out) in a RuntimeException, which
   * Avatica then wraps again without SQLState. Throws the SQLException itself instead (the cause
   * {@link MlflowTablesMetaBase} keeps), so that callers see its class and SQLState.
   */
  private static RuntimeException unwrap(RuntimeException e) {
    return Errors.recover(e);
  }

  /**
   * Calcite evaluates constant expressions of a plan in the static initializer of the code it
   * generates ({@code WHERE start_time = 'yesterday'}); a failure there is an Error that would
   * escape JDBC. Report it as the statement's failure instead.
   */
  private static RuntimeException initializerFailed(ExceptionInInitializerError e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new IllegalArgumentException("Cannot evaluate a constant of the statement: "
        + cause.getMessage(), cause);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> parameterValueLists) throws NoSuchStatementException {
    newExecution(h);
    try (WriteBatch batch = beginBatch(h)) {
      long[] counts = executeUpdateBatch(h, parameterValueLists);
      ExecuteBatchResult result = counts != null ? new ExecuteBatchResult(counts)
          : super.executeBatch(h, parameterValueLists);
      batch.commit();
      return result;
    } catch (RuntimeException e) {
      throw unwrap(e);
    } catch (ExceptionInInitializerError e) {
      throw initializerFailed(e);
    }
  }

  /**
   * Begins a batch on the statement; each execution of the batch finds it through the
   * statement's cancel flag in its DataContext.
   */
  private WriteBatch beginBatch(StatementHandle h) throws NoSuchStatementException {
    try {
      return connection.unwrap(CalciteConnection.class).getRootSchema().subSchemas()
          .get(org.mlflowtables.jdbc.ConnectionProperties.SCHEMA).unwrap(MlflowSchema.class)
          .beginBatch(connection.getCancelFlag(h));
    } catch (SQLException e) {
      throw new IllegalStateException("not a Calcite connection", e);
    }
  }

  /** The same for {@code Statement.addBatch(sql)}: the INSERTs' rows are sent together. */
  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    newExecution(h);
    try (WriteBatch batch = beginBatch(h)) {
      ExecuteBatchResult result = super.prepareAndExecuteBatch(h, sqlCommands);
      batch.commit();
      return result;
    }
  }
}
