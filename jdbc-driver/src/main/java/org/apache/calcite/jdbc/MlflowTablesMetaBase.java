package org.apache.calcite.jdbc;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Lets the mlflow-tables driver extend {@link CalciteMetaImpl}, whose constructors take the
 * package-private {@code CalciteConnectionImpl}. The driver overrides {@code executeBatch} to send a
 * JDBC batch of INSERTs as a few log-batch requests instead of one request per row; it cannot wrap
 * the Meta instead, because Calcite casts it back to {@code CalciteMetaImpl}. Nothing else lives in
 * Calcite's package.
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
}
