package org.mlflowtables.jdbc;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.SettingValues;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * Reads a {@code jdbc:mlflow:} URL and its {@link Properties} into MLflow settings (core's {@link
 * MlflowConfig}) and the few Calcite settings a user may change (SQL dialect details).
 *
 * <p>The URL is {@code jdbc:mlflow:<tracking uri>[;name=value]...}; the tracking URI may be
 * empty ({@code jdbc:mlflow:} or {@code jdbc:mlflow:;token=...}), then {@code uri} comes from a
 * property or from {@code MLFLOW_TRACKING_URI}. Settings in the URL win over {@code Properties}.
 * Names are case-insensitive; an unknown name is an error that lists the known ones.
 */
final class ConnectionProperties {

  static final String PREFIX = "jdbc:mlflow:";

  /** The name of the one schema the driver exposes, also the connection's default schema. */
  static final String SCHEMA = "mlflow";

  /**
   * Calcite settings a user may set; everything else of Calcite's (models, schema factories) is
   * the driver's business. The defaults below make unquoted lower-case names work as they are.
   */
  private static final Set<String> CALCITE_KEYS = caseInsensitiveSet(
      CalciteConnectionProperty.LEX.camelName(),
      CalciteConnectionProperty.QUOTING.camelName(),
      CalciteConnectionProperty.QUOTED_CASING.camelName(),
      CalciteConnectionProperty.UNQUOTED_CASING.camelName(),
      CalciteConnectionProperty.CASE_SENSITIVE.camelName(),
      CalciteConnectionProperty.CONFORMANCE.camelName(),
      CalciteConnectionProperty.FUN.camelName(),
      CalciteConnectionProperty.TIME_ZONE.camelName(),
      CalciteConnectionProperty.LOCALE.camelName(),
      CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(),
      CalciteConnectionProperty.TYPE_COERCION.camelName(),
      CalciteConnectionProperty.LENIENT_OPERATOR_LOOKUP.camelName(),
      CalciteConnectionProperty.APPROXIMATE_DISTINCT_COUNT.camelName(),
      CalciteConnectionProperty.APPROXIMATE_TOP_N.camelName(),
      CalciteConnectionProperty.APPROXIMATE_DECIMAL.camelName());

  /**
   * Calcite defaults of this driver: ANSI double-quoted identifiers, names as written, and
   * Calcite's Babel parser, which accepts the column name {@code value} unquoted (a reserved word
   * of the standard parser; {@code timestamp} stays reserved and is written {@code "timestamp"}),
   * and text literals of different lengths typed VARCHAR, not padded ({@link MlflowTypeSystem}).
   */
  private static final Map<String, String> CALCITE_DEFAULTS = Map.of(
      CalciteConnectionProperty.PARSER_FACTORY.camelName(),
      "org.apache.calcite.sql.parser.babel.SqlBabelParserImpl#FACTORY",
      CalciteConnectionProperty.TYPE_SYSTEM.camelName(),
      MlflowTypeSystem.class.getName() + "#INSTANCE",
      CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE",
      CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED",
      CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED",
      CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");

  /**
   * Search streams one query reads a table with at once (parts of a scan, as Spark's partitions).
   * Two keep a server of several workers twice as busy as one; a query whose result is one page
   * still costs one request (core splits only what is left after the first page).
   */
  static final String SCAN_STREAMS = "scanStreams";

  static final int SCAN_STREAMS_DEFAULT = 2;

  private final MlflowConfig config;
  private final int scanStreams;
  private final Properties calcite;

  private ConnectionProperties(MlflowConfig config, int scanStreams, Properties calcite) {
    this.config = config;
    this.scanStreams = scanStreams;
    this.calcite = calcite;
  }

  /**
   * Parses a URL this driver accepts.
   *
   * @param env the environment for settings not given (MLFLOW_TRACKING_*)
   * @throws SQLException naming the bad setting; never showing a secret
   */
  static ConnectionProperties parse(String url, Properties info, Map<String, String> env)
      throws SQLException {
    if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw new SQLException("Not an mlflow-tables URL; expected " + PREFIX + "<tracking uri>");
    }
    String rest = url.substring(PREFIX.length());
    String uriPart = rest;
    String settingsPart = "";
    int semi = rest.indexOf(';');
    if (semi >= 0) {
      uriPart = rest.substring(0, semi);
      settingsPart = rest.substring(semi + 1);
    }
    uriPart = uriPart.trim();
    if (!uriPart.isEmpty() && !uriPart.contains("://") && uriPart.contains("=")) {
      // "jdbc:mlflow:uri=http://..." or "jdbc:mlflow:token=x": settings only, no leading URI.
      settingsPart = rest;
      uriPart = "";
    }

    Map<String, String> mlflow = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Properties calcite = new Properties();
    CALCITE_DEFAULTS.forEach(calcite::setProperty);

    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        route(name, info.getProperty(name), mlflow, calcite);
      }
    }
    Properties fromUrl;
    try {
      fromUrl = ConnectStringParser.parse(settingsPart);
    } catch (SQLException e) {
      // The parser's message quotes the text, which may hold a token: say what is expected instead.
      throw new SQLException("Cannot read the settings after the tracking URI in the "
          + PREFIX + " URL: expected name=value pairs separated by ';' (a value may be quoted "
          + "with single quotes, a quote inside doubled)", "08001");
    }
    for (String name : fromUrl.stringPropertyNames()) {
      route(name, fromUrl.getProperty(name), mlflow, calcite);
    }
    if (!uriPart.isEmpty()) {
      mlflow.put(MlflowConfig.URI, uriPart);
    }
    try {
      int streams = SettingValues.parseInt(SCAN_STREAMS, mlflow.remove(SCAN_STREAMS),
          SCAN_STREAMS_DEFAULT, v -> v >= 1 && v <= 64, "must be between 1 and 64");
      return new ConnectionProperties(MlflowConfig.from(mlflow, env), streams, calcite);
    } catch (ConfigException e) {
      throw new SQLException("Cannot connect to MLflow: " + e.getMessage(), "08001", e);
    }
  }

  private static void route(String name, String value, Map<String, String> mlflow,
      Properties calcite) throws SQLException {
    if (MlflowConfig.KEYS.contains(name) || SCAN_STREAMS.equalsIgnoreCase(name)) {
      mlflow.put(name, value);
    } else if (CALCITE_KEYS.contains(name)) {
      calcite.setProperty(canonical(name), value);
    } else {
      throw new SQLException("Unknown connection setting '" + name + "'; known settings are "
          + String.join(", ", MlflowConfig.KEYS) + ", " + SCAN_STREAMS + " and the SQL settings "
          + String.join(", ", CALCITE_KEYS), "08001");
    }
  }

  private static String canonical(String name) {
    for (String k : CALCITE_KEYS) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return name;
  }

  MlflowConfig config() {
    return config;
  }

  /** How many search streams one query reads a table with at once. */
  int scanStreams() {
    return scanStreams;
  }

  /** Settings for Calcite's connection; never an MLflow setting (so never a secret). */
  Properties calciteProperties() {
    Properties p = new Properties();
    p.putAll(calcite);
    return p;
  }

  /** The URL to show ({@link java.sql.DatabaseMetaData#getURL()}): the tracking URI, no secret. */
  String displayUrl() {
    return PREFIX + config.redactedUri();
  }

  private static Set<String> caseInsensitiveSet(String... names) {
    Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Collections.addAll(s, names);
    return Collections.unmodifiableSet(s);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>();
    calcite.stringPropertyNames().forEach(n -> shown.put(n, calcite.getProperty(n)));
    return "ConnectionProperties{" + config + ", scanStreams=" + scanStreams + ", sql=" + shown
        + "}";
  }
}
