package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Lets the mlflow-tables driver extend {@link CalciteMetaImpl}, whose constructors take the
 * package-private {@code CalciteConnectionImpl}. The driver overrides one method
 * ({@code executeBatch}) to send a JDBC batch of INSERTs as a few log-batch requests instead of
 * one request per row; it cannot wrap the Meta instead, because Calcite casts it back to
 * {@code CalciteMetaImpl}. Nothing else lives in Calcite's package.
 */
public abstract class MlflowTablesMetaBase extends CalciteMetaImpl {
  protected MlflowTablesMetaBase(AvaticaConnection connection) {
    super((CalciteConnectionImpl) connection, CalciteMetaTableFactoryImpl.INSTANCE,
        CalciteMetaColumnFactoryImpl.INSTANCE);
  }
}
