package org.mlflowtables.jdbc;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.jdbc.schema.MlflowSchema;

/**
 * JDBC driver for {@code jdbc:mlflow:} URLs: MLflow's tracking server and model registry as the
 * tables of schema {@code mlflow}, queried with Apache Calcite.
 *
 * <pre>
 * jdbc:mlflow:http://localhost:5000
 * jdbc:mlflow:https://mlflow.example.com;token=...;pageSize=1000
 * jdbc:mlflow:                      (MLFLOW_TRACKING_URI and friends from the environment)
 * </pre>
 *
 * <p>Settings are core's ({@link MlflowConfig#KEYS}), as {@link Properties} or appended as
 * {@code ;name=value}. Unquoted identifiers keep their case and match case-insensitively, so
 * {@code select run_id from runs} works; quote reserved words ({@code "timestamp"}).
 */
public class MlflowDriver extends org.apache.calcite.jdbc.Driver {

  static {
    SqlDefaults.apply();
    new MlflowDriver().register();
  }

  public MlflowDriver() {
    super();
  }

  @Override
  protected String getConnectStringPrefix() {
    return ConnectionProperties.PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return MlflowDriverVersion.INSTANCE;
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new MlflowMeta(connection);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ConnectionProperties props = ConnectionProperties.parse(url, info, System.getenv());
    // The connection's URL is what DatabaseMetaData.getURL() shows: the tracking URI only.
    AvaticaConnection connection =
        factory.newConnection(this, factory, props.displayUrl(), props.calciteProperties());
    try {
      handler.onConnectionInit(connection);
      CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
      SchemaPlus root = calcite.getRootSchema();
      root.add(ConnectionProperties.SCHEMA,
          new MlflowSchema(props.config(), props.scanStreams()));
      calcite.setSchema(ConnectionProperties.SCHEMA);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e instanceof SQLException s ? s
          : new SQLException("Cannot connect to MLflow at " + props.config().redactedUri()
              + ": " + e.getMessage(), "08001", e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(ConnectionProperties.PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Properties given = info == null ? new Properties() : info;
    List<DriverPropertyInfo> list = new ArrayList<>();
    for (Map.Entry<String, String> e : SETTING_DESCRIPTIONS.entrySet()) {
      String name = e.getKey();
      boolean secret = MlflowConfig.SECRET_KEYS.contains(name);
      DriverPropertyInfo p = new DriverPropertyInfo(name,
          secret ? null : given.getProperty(name));
      p.description = e.getValue();
      p.required = false;
      if (name.equals(MlflowConfig.VIEW_TYPE)) {
        p.choices = new String[] {"ACTIVE_ONLY", "DELETED_ONLY", "ALL"};
      }
      list.add(p);
    }
    return list.toArray(new DriverPropertyInfo[0]);
  }

  private static final Map<String, String> SETTING_DESCRIPTIONS = orderedDescriptions();

  private static Map<String, String> orderedDescriptions() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put(MlflowConfig.URI, "Tracking server URL (default: MLFLOW_TRACKING_URI); may also follow "
        + "jdbc:mlflow: in the URL");
    m.put(MlflowConfig.TOKEN, "Bearer token (default: MLFLOW_TRACKING_TOKEN)");
    m.put(MlflowConfig.USER, "Basic-auth user (default: MLFLOW_TRACKING_USERNAME)");
    m.put(MlflowConfig.PASSWORD, "Basic-auth password (default: MLFLOW_TRACKING_PASSWORD)");
    m.put(MlflowConfig.CLIENT_ID, "OAuth machine-to-machine client id (Databricks)");
    m.put(MlflowConfig.CLIENT_SECRET, "OAuth machine-to-machine client secret (Databricks)");
    m.put(MlflowConfig.INSECURE_TLS, "Skip TLS certificate checks (default false)");
    m.put(MlflowConfig.PAGE_SIZE, "Rows per search request (default: the largest the server "
        + "allows)");
    m.put(MlflowConfig.MAX_RETRIES, "Retries of a failed request (default "
        + MlflowConfig.MAX_RETRIES_DEFAULT + ")");
    m.put(MlflowConfig.RETRY_BACKOFF_SECONDS, "Back-off factor of retries in seconds (default "
        + MlflowConfig.RETRY_BACKOFF_SECONDS_DEFAULT + ")");
    m.put(MlflowConfig.TIMEOUT_SECONDS, "Per-request timeout in seconds (default "
        + MlflowConfig.TIMEOUT_SECONDS_DEFAULT + ")");
    m.put(MlflowConfig.VIEW_TYPE, "Experiments and runs to show: ACTIVE_ONLY, DELETED_ONLY or "
        + "ALL (default ACTIVE_ONLY)");
    m.put(MlflowConfig.PUSH_DOWN, "Send filters, ORDER BY and LIMIT to MLflow (default true)");
    m.put(MlflowConfig.MAX_IN_FLIGHT, "Requests one scan or write keeps in flight (default "
        + MlflowConfig.MAX_IN_FLIGHT_DEFAULT + ")");
    m.put(MlflowConfig.DEDUPLICATE, "Skip metric points already on the server when inserting "
        + "(default true)");
    m.put(ConnectionProperties.SCAN_STREAMS, "Search streams one query reads a table with at "
        + "once (default " + ConnectionProperties.SCAN_STREAMS_DEFAULT + ")");
    return m;
  }
}
