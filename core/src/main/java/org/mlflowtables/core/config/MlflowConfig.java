package org.mlflowtables.core.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * Connection and behaviour settings shared by every engine (Spark options, JDBC properties,
 * environment). Keys are case-insensitive. Immutable and serializable; {@link #toString()} never
 * shows the token or password.
 */
public final class MlflowConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String URI = "uri";
  public static final String TOKEN = "token";
  public static final String USER = "user";
  public static final String PASSWORD = "password";
  public static final String CLIENT_ID = "clientId";
  public static final String CLIENT_SECRET = "clientSecret";
  public static final String INSECURE_TLS = "insecureTls";
  public static final String PAGE_SIZE = "pageSize";
  public static final String MAX_RETRIES = "maxRetries";
  public static final String RETRY_BACKOFF_SECONDS = "retryBackoffSeconds";
  public static final String TIMEOUT_SECONDS = "timeoutSeconds";
  public static final String VIEW_TYPE = "viewType";
  public static final String PUSH_DOWN = "pushDown";
  public static final String MAX_IN_FLIGHT = "maxInFlight";
  public static final String DEDUPLICATE = "deduplicate";

  /** MLflow's own client default ({@code MLFLOW_HTTP_REQUEST_MAX_RETRIES}). */
  public static final int MAX_RETRIES_DEFAULT = 7;
  /** MLflow's own client default ({@code MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR}). */
  public static final double RETRY_BACKOFF_SECONDS_DEFAULT = 2;
  public static final int TIMEOUT_SECONDS_DEFAULT = 60;
  public static final int MAX_IN_FLIGHT_DEFAULT = 8;

  /** Every setting name, in its documented spelling. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(new TreeSet<>(String.CASE_INSENSITIVE_ORDER) {
        private static final long serialVersionUID = 1L;

        {
          addAll(Arrays.asList(URI, TOKEN, USER, PASSWORD, CLIENT_ID, CLIENT_SECRET,
              INSECURE_TLS, PAGE_SIZE, MAX_RETRIES, RETRY_BACKOFF_SECONDS, TIMEOUT_SECONDS,
              VIEW_TYPE, PUSH_DOWN, MAX_IN_FLIGHT, DEDUPLICATE));
        }
      });

  /** The settings whose values are secrets: never shown. */
  public static final Set<String> SECRET_KEYS = Set.of(TOKEN, PASSWORD, CLIENT_SECRET);

  private final String uri;
  private final String token;
  private final String user;
  private final String password;
  private final String clientId;
  private final String clientSecret;
  private final boolean insecureTls;
  private final Integer pageSize;
  private final int maxRetries;
  private final double retryBackoffSeconds;
  private final int timeoutSeconds;
  private final ViewType viewType;
  private final boolean pushDown;
  private final int maxInFlight;
  private final boolean deduplicate;

  private MlflowConfig(Map<String, String> s, Map<String, String> env) {
    String rawUri = firstNonBlank(s.get(URI), env.get("MLFLOW_TRACKING_URI"));
    // Explicit credentials of any kind win over any from the environment or a profile.
    boolean explicitBasic = !isBlank(s.get(USER)) || !isBlank(s.get(PASSWORD));
    boolean explicitToken = !isBlank(s.get(TOKEN));
    boolean explicitClient = !isBlank(s.get(CLIENT_ID)) || !isBlank(s.get(CLIENT_SECRET));
    boolean explicit = explicitBasic || explicitToken || explicitClient;
    DatabricksWorkspace.Target databricks = DatabricksWorkspace.names(rawUri)
        ? DatabricksWorkspace.resolve(rawUri, env, !explicit) : null;
    if (databricks != null) {
      rawUri = databricks.host();
    }
    if (isBlank(rawUri)) {
      throw new ConfigException(
          "Setting 'uri' is required: give the tracking server URL (e.g. http://localhost:5000) "
              + "or set MLFLOW_TRACKING_URI");
    }
    this.uri = validateUri(rawUri.trim());
    if (explicit) {
      this.token = blankToNull(s.get(TOKEN));
      this.user = blankToNull(s.get(USER));
      this.password = blankToNull(s.get(PASSWORD));
      this.clientId = blankToNull(s.get(CLIENT_ID));
      this.clientSecret = blankToNull(s.get(CLIENT_SECRET));
    } else if (databricks != null) {
      this.token = databricks.token();
      this.user = null;
      this.password = null;
      this.clientId = databricks.clientId();
      this.clientSecret = databricks.clientSecret();
    } else {
      this.token = blankToNull(env.get("MLFLOW_TRACKING_TOKEN"));
      this.user = blankToNull(env.get("MLFLOW_TRACKING_USERNAME"));
      this.password = blankToNull(env.get("MLFLOW_TRACKING_PASSWORD"));
      this.clientId = null;
      this.clientSecret = null;
    }
    if ((user == null) != (password == null)) {
      throw new ConfigException("Settings 'user' and 'password' must be given together");
    }
    if ((clientId == null) != (clientSecret == null)) {
      throw new ConfigException("Settings 'clientId' and 'clientSecret' must be given together");
    }
    this.insecureTls = SettingValues.parseBoolean(INSECURE_TLS,
        firstNonBlank(s.get(INSECURE_TLS), env.get("MLFLOW_TRACKING_INSECURE_TLS")), false);
    this.pageSize = s.containsKey(PAGE_SIZE) ? SettingValues.parseInt(PAGE_SIZE, s.get(PAGE_SIZE),
        0, v -> v > 0, "must be a positive integer") : null;
    // MLflow's own client settings are the defaults, so that both clients retry alike.
    this.maxRetries = SettingValues.parseInt(MAX_RETRIES,
        firstNonBlank(s.get(MAX_RETRIES), env.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES")),
        MAX_RETRIES_DEFAULT, v -> v >= 0, "must be 0 or more");
    this.retryBackoffSeconds = SettingValues.parseSeconds(RETRY_BACKOFF_SECONDS,
        firstNonBlank(s.get(RETRY_BACKOFF_SECONDS), env.get("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR")),
        RETRY_BACKOFF_SECONDS_DEFAULT);
    this.timeoutSeconds = SettingValues.parseInt(TIMEOUT_SECONDS,
        firstNonBlank(s.get(TIMEOUT_SECONDS), env.get("MLFLOW_HTTP_REQUEST_TIMEOUT")),
        TIMEOUT_SECONDS_DEFAULT, v -> v > 0, "must be a positive integer");
    this.viewType = SettingValues.parseViewType(s.get(VIEW_TYPE));
    this.pushDown = SettingValues.parseBoolean(PUSH_DOWN, s.get(PUSH_DOWN), true);
    this.maxInFlight = SettingValues.parseInt(MAX_IN_FLIGHT, s.get(MAX_IN_FLIGHT),
        MAX_IN_FLIGHT_DEFAULT, v -> v > 0 && v <= 256, "must be between 1 and 256");
    this.deduplicate = SettingValues.parseBoolean(DEDUPLICATE, s.get(DEDUPLICATE), true);
  }

  /**
   * Reads settings from explicit values, falling back to the process environment.
   *
   * @throws ConfigException on an unknown setting or an invalid value, naming it
   */
  public static MlflowConfig from(Map<String, String> settings) {
    return from(settings, System.getenv());
  }

  /** As {@link #from(Map)}, with the environment given explicitly (for tests). */
  public static MlflowConfig from(Map<String, String> settings, Map<String, String> env) {
    Map<String, String> normalized = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw new ConfigException("Unknown setting '" + e.getKey() + "'; known settings are "
            + String.join(", ", KEYS));
      }
      if (e.getValue() != null) {
        normalized.put(e.getKey(), e.getValue());
      }
    }
    return new MlflowConfig(normalized, env);
  }

  /** A copy with one setting changed (e.g. push-down off for a differential check). */
  public MlflowConfig with(String key, String value) {
    Map<String, String> m = toMap();
    m.put(key, value);
    return from(m, Map.of());
  }

  /** Every setting as a map, secrets included: only for re-creating a config, never for output. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(URI, uri);
    putIfSet(m, TOKEN, token);
    putIfSet(m, USER, user);
    putIfSet(m, PASSWORD, password);
    putIfSet(m, CLIENT_ID, clientId);
    putIfSet(m, CLIENT_SECRET, clientSecret);
    m.put(INSECURE_TLS, Boolean.toString(insecureTls));
    if (pageSize != null) {
      m.put(PAGE_SIZE, pageSize.toString());
    }
    m.put(MAX_RETRIES, Integer.toString(maxRetries));
    m.put(RETRY_BACKOFF_SECONDS, Double.toString(retryBackoffSeconds));
    m.put(TIMEOUT_SECONDS, Integer.toString(timeoutSeconds));
    m.put(VIEW_TYPE, viewType.name());
    m.put(PUSH_DOWN, Boolean.toString(pushDown));
    m.put(MAX_IN_FLIGHT, Integer.toString(maxInFlight));
    m.put(DEDUPLICATE, Boolean.toString(deduplicate));
    return m;
  }

  private static void putIfSet(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  public String uri() {
    return uri;
  }

  public String token() {
    return token;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** OAuth machine-to-machine client id (Databricks), or null. */
  public String clientId() {
    return clientId;
  }

  /** OAuth machine-to-machine client secret, or null. */
  public String clientSecret() {
    return clientSecret;
  }

  public boolean insecureTls() {
    return insecureTls;
  }

  /** Rows per search request, or null for each endpoint's largest page. */
  public Integer pageSize() {
    return pageSize;
  }

  public int maxRetries() {
    return maxRetries;
  }

  /** The back-off factor of retries, in seconds ({@code RetryPolicy}). */
  public double retryBackoffSeconds() {
    return retryBackoffSeconds;
  }

  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  public ViewType viewType() {
    return viewType;
  }

  /** Whether filters, ORDER BY and LIMIT are sent to MLflow (false only for checks and debugging). */
  public boolean pushDown() {
    return pushDown;
  }

  /** Requests one scan or writer keeps in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Whether writes skip metric points already on the server. */
  public boolean deduplicate() {
    return deduplicate;
  }

  /** The page size to ask an endpoint for: the configured one, capped at the endpoint's maximum. */
  public int pageSizeFor(int endpointMaximum) {
    return pageSizeFor(endpointMaximum, endpointMaximum);
  }

  /**
   * As {@link #pageSizeFor(int)}, with a default below the maximum for endpoints whose largest page
   * would hold too much at once.
   */
  public int pageSizeFor(int endpointDefault, int endpointMaximum) {
    return pageSize == null ? endpointDefault : Math.min(pageSize, endpointMaximum);
  }

  /** The URI with any user-info removed, safe to print. */
  public String redactedUri() {
    return redact(uri);
  }

  /** Hides user-info ({@code user:password@}) in any URI-like text, well-formed or not. */
  static String redact(String text) {
    return text.replaceAll("[^/@\\s]+@", "***@");
  }

  @Override
  public String toString() {
    return "MlflowConfig{uri=" + redactedUri()
        + (token != null ? ", token=***" : "")
        + (user != null ? ", user=" + user + ", password=***" : "")
        + (clientId != null ? ", clientId=" + clientId + ", clientSecret=***" : "")
        + ", insecureTls=" + insecureTls
        + (pageSize != null ? ", pageSize=" + pageSize : "")
        + ", maxRetries=" + maxRetries + ", retryBackoffSeconds=" + retryBackoffSeconds
        + ", timeoutSeconds=" + timeoutSeconds
        + ", viewType=" + viewType + ", pushDown=" + pushDown + ", maxInFlight=" + maxInFlight
        + ", deduplicate=" + deduplicate + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlflowConfig other && toMap().equals(other.toMap());
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, token, user, password, clientId, clientSecret, insecureTls, pageSize,
        maxRetries, retryBackoffSeconds, timeoutSeconds, viewType, pushDown, maxInFlight,
        deduplicate);
  }

  private static String validateUri(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
      throw new ConfigException("Setting 'uri' must be an http:// or https:// URL, got '"
          + redact(value) + "'");
    }
    try {
      java.net.URI parsed = new java.net.URI(value);
      if (parsed.getHost() == null) {
        throw new ConfigException("Setting 'uri' has no host: '" + redact(value) + "'");
      }
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException("Setting 'uri' is not a valid URL: '" + redact(value) + "'");
    }
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }

  private static String blankToNull(String s) {
    return isBlank(s) ? null : s;
  }

  private static String firstNonBlank(String a, String b) {
    return !isBlank(a) ? a : (!isBlank(b) ? b : null);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
