package org.apache.calcite.jdbc;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.server.CalciteServerStatement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Lets the mlflow-tables driver extend {@link CalciteMetaImpl}, whose constructors take the
 * package-private {@code CalciteConnectionImpl}. The driver overrides {@code executeBatch} to send a
 * JDBC batch of INSERTs as a few log-batch requests instead of one request per row; it cannot wrap
 * the Meta instead, because Calcite casts it back to {@code CalciteMetaImpl}. The batch's loop
 * ({@link #executeUpdateBatch}) is here too: it needs the connection's package-private parts.
 * Nothing else lives in Calcite's package.
 */
public abstract class MlflowTablesMetaBase extends CalciteMetaImpl {
  protected MlflowTablesMetaBase(AvaticaConnection connection) {
    super((CalciteConnectionImpl) connection, CalciteMetaTableFactoryImpl.INSTANCE,
        CalciteMetaColumnFactoryImpl.INSTANCE);
  }

  /**
   * Calcite's own version keeps only the message of a SQLException raised while a statement
   * starts (the server is unreachable, a parameter is NULL); this keeps the exception itself as
   * the cause, so that the driver can hand it to the caller with its class and SQLState.
   */
  @Override
  Iterable<Object> _createIterable(StatementHandle handle, Signature signature,
      List<TypedValue> parameterValues, Frame firstFrame) {
    try {
      @SuppressWarnings("unchecked")
      CalcitePrepare.CalciteSignature<Object> calciteSignature =
          (CalcitePrepare.CalciteSignature<Object>) signature;
      return getConnection().enumerable(handle, calciteSignature, parameterValues);
    } catch (SQLException e) {
      throw new RuntimeException(e.getMessage(), e);
    }
  }

  /**
   * Executes a batch of a prepared update statement (an INSERT) once per parameter set, as
   * {@code CalciteMetaImpl.executeBatch} does, but with the execution context made once for the
   * batch: Calcite's own loop makes a new one for each parameter set (parsing the connection's
   * properties three times and copying some fifteen variables), which was most of the driver's
   * time in a batch of single-row INSERTs. Each execution sees its own parameters; the rest of the
   * context (stashed objects, cancel flag, timeout, time zone, locale, and the current time, as
   * within one statement) is the batch's.
   *
   * @return the update count of each parameter set, or null if the statement is not a prepared
   *     update with parameters (then Calcite's own loop applies)
   */
  protected long @Nullable [] executeUpdateBatch(StatementHandle h,
      List<List<TypedValue>> parameterValueLists) throws NoSuchStatementException {
    CalciteConnectionImpl connection = getConnection();
    CalciteServerStatement statement = connection.server.getStatement(h);
    if (!(statement.getSignature() instanceof CalcitePrepare.CalciteSignature<?> signature)
        || !signature.statementType.canUpdate() || signature.parameters.isEmpty()) {
      return null;
    }
    DataContext batch = connection.createDataContext(batchVariables(connection, h, signature),
        signature.rootSchema);
    long[] counts = new long[parameterValueLists.size()];
    for (int i = 0; i < counts.length; i++) {
      List<TypedValue> values = parameterValueLists.get(i);
      if (values.isEmpty() || MetaImpl.checkParameterValueHasNull(values)) {
        // as CalciteConnectionImpl.enumerable words it
        throw new RuntimeException("exception while executing query: unbound parameter",
            new SQLException("exception while executing query: unbound parameter"));
      }
      @SuppressWarnings("unchecked")
      Iterator<Object> rows =
          (Iterator<Object>) signature.enumerable(new Execution(batch, values)).iterator();
      statement.setResultSet(rows);
      counts[i] = ((Number) rows.next()).intValue();
    }
    return counts;
  }

  /** What {@code CalciteConnectionImpl.enumerable} puts in a context besides the parameters. */
  private static Map<String, Object> batchVariables(CalciteConnectionImpl connection,
      StatementHandle h, CalcitePrepare.CalciteSignature<?> signature)
      throws NoSuchStatementException {
    Map<String, Object> map = new HashMap<>(signature.internalParameters);
    map.put(DataContext.Variable.CANCEL_FLAG.camelName, connection.getCancelFlag(h));
    AvaticaStatement jdbcStatement = connection.statementMap.get(h.id);
    int queryTimeout;
    try {
      queryTimeout = jdbcStatement == null ? 0 : jdbcStatement.getQueryTimeout();
    } catch (SQLException e) {
      queryTimeout = 0; // a closed statement runs nothing anyway
    }
    if (queryTimeout > 0 && queryTimeout < Integer.MAX_VALUE / 1000) {
      map.put(DataContext.Variable.TIMEOUT.camelName, queryTimeout * 1000L);
    }
    return map;
  }

  /** One parameter set's context: its parameters ({@code ?0}, {@code ?1} …), else the batch's. */
  private static final class Execution implements DataContext {
    private final DataContext batch;
    private final Object[] parameters;

    Execution(DataContext batch, List<TypedValue> values) {
      this.batch = batch;
      this.parameters = new Object[values.size()];
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = values.get(i).toLocal();
      }
    }

    @Override
    public @Nullable Object get(String name) {
      if (name.length() > 1 && name.charAt(0) == '?') {
        int i = parameterIndex(name);
        if (i >= 0 && i < parameters.length) {
          return parameters[i];
        }
      }
      return batch.get(name);
    }

    private static int parameterIndex(String name) {
      try {
        return Integer.parseInt(name, 1, name.length(), 10);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    @Override
    public @Nullable SchemaPlus getRootSchema() {
      return batch.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return batch.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return batch.getQueryProvider();
    }
  }
}
