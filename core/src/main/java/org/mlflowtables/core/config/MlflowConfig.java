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
import java.util.function.IntPredicate;
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
  public static final String INSECURE_TLS = "insecureTls";
  public static final String PAGE_SIZE = "pageSize";
  public static final String MAX_RETRIES = "maxRetries";
  public static final String TIMEOUT_SECONDS = "timeoutSeconds";
  public static final String VIEW_TYPE = "viewType";
  public static final String PUSH_DOWN = "pushDown";
  public static final String MAX_IN_FLIGHT = "maxInFlight";
  public static final String DEDUPLICATE = "deduplicate";

  public static final int MAX_RETRIES_DEFAULT = 6;
  public static final int TIMEOUT_SECONDS_DEFAULT = 60;
  public static final int MAX_IN_FLIGHT_DEFAULT = 8;

  /** Every setting name, in its documented spelling. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(new TreeSet<>(String.CASE_INSENSITIVE_ORDER) {
        private static final long serialVersionUID = 1L;

        {
          addAll(Arrays.asList(URI, TOKEN, USER, PASSWORD, INSECURE_TLS, PAGE_SIZE, MAX_RETRIES,
              TIMEOUT_SECONDS, VIEW_TYPE, PUSH_DOWN, MAX_IN_FLIGHT, DEDUPLICATE));
        }
      });

  private final String uri;
  private final String token;
  private final String user;
  private final String password;
  private final boolean insecureTls;
  private final Integer pageSize;
  private final int maxRetries;
  private final int timeoutSeconds;
  private final ViewType viewType;
  private final boolean pushDown;
  private final int maxInFlight;
  private final boolean deduplicate;

  private MlflowConfig(Map<String, String> s, Map<String, String> env) {
    String rawUri = firstNonBlank(s.get(URI), env.get("MLFLOW_TRACKING_URI"));
    boolean databricks = "databricks".equalsIgnoreCase(rawUri);
    if (databricks) {
      rawUri = env.get("DATABRICKS_HOST");
      if (isBlank(rawUri)) {
        throw new ConfigException("Setting 'uri' is 'databricks' but DATABRICKS_HOST is not set");
      }
      if (!rawUri.contains("://")) {
        rawUri = "https://" + rawUri;
      }
    }
    if (isBlank(rawUri)) {
      throw new ConfigException(
          "Setting 'uri' is required: give the tracking server URL (e.g. http://localhost:5000) "
              + "or set MLFLOW_TRACKING_URI");
    }
    this.uri = validateUri(rawUri.trim());
    // Explicit credentials of either kind win over any from the environment.
    boolean explicitBasic = !isBlank(s.get(USER)) || !isBlank(s.get(PASSWORD));
    boolean explicitToken = !isBlank(s.get(TOKEN));
    this.token = explicitToken ? s.get(TOKEN) : explicitBasic ? null
        : firstNonBlank(null,
            databricks ? env.get("DATABRICKS_TOKEN") : env.get("MLFLOW_TRACKING_TOKEN"));
    this.user = explicitBasic || explicitToken ? blankToNull(s.get(USER))
        : firstNonBlank(null, env.get("MLFLOW_TRACKING_USERNAME"));
    this.password = explicitBasic || explicitToken ? blankToNull(s.get(PASSWORD))
        : firstNonBlank(null, env.get("MLFLOW_TRACKING_PASSWORD"));
    if ((user == null) != (password == null)) {
      throw new ConfigException("Settings 'user' and 'password' must be given together");
    }
    this.insecureTls = parseBoolean(INSECURE_TLS,
        firstNonBlank(s.get(INSECURE_TLS), env.get("MLFLOW_TRACKING_INSECURE_TLS")), false);
    this.pageSize = s.containsKey(PAGE_SIZE) ? parseInt(PAGE_SIZE, s.get(PAGE_SIZE), 0, v -> v > 0,
        "must be a positive integer") : null;
    this.maxRetries = parseInt(MAX_RETRIES, s.get(MAX_RETRIES), MAX_RETRIES_DEFAULT, v -> v >= 0,
        "must be 0 or more");
    this.timeoutSeconds = parseInt(TIMEOUT_SECONDS, s.get(TIMEOUT_SECONDS),
        TIMEOUT_SECONDS_DEFAULT, v -> v > 0, "must be a positive integer");
    this.viewType = parseViewType(s.get(VIEW_TYPE));
    this.pushDown = parseBoolean(PUSH_DOWN, s.get(PUSH_DOWN), true);
    this.maxInFlight = parseInt(MAX_IN_FLIGHT, s.get(MAX_IN_FLIGHT), MAX_IN_FLIGHT_DEFAULT,
        v -> v > 0 && v <= 256, "must be between 1 and 256");
    this.deduplicate = parseBoolean(DEDUPLICATE, s.get(DEDUPLICATE), true);
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
    m.put(INSECURE_TLS, Boolean.toString(insecureTls));
    if (pageSize != null) {
      m.put(PAGE_SIZE, pageSize.toString());
    }
    m.put(MAX_RETRIES, Integer.toString(maxRetries));
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
        + ", insecureTls=" + insecureTls
        + (pageSize != null ? ", pageSize=" + pageSize : "")
        + ", maxRetries=" + maxRetries + ", timeoutSeconds=" + timeoutSeconds
        + ", viewType=" + viewType + ", pushDown=" + pushDown + ", maxInFlight=" + maxInFlight
        + ", deduplicate=" + deduplicate + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlflowConfig other && toMap().equals(other.toMap());
  }

  @Override
  public int hashCode() {
    return Objects.hash(uri, token, user, password, insecureTls, pageSize, maxRetries,
        timeoutSeconds, viewType, pushDown, maxInFlight, deduplicate);
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

  private static ViewType parseViewType(String value) {
    if (isBlank(value)) {
      return ViewType.ACTIVE_ONLY;
    }
    try {
      return ViewType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid value '" + value + "' for setting 'viewType': expected "
          + Arrays.toString(ViewType.values()));
    }
  }

  private static boolean parseBoolean(String key, String value, boolean dflt) {
    if (isBlank(value)) {
      return dflt;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1") || v.equals("yes")) {
      return true;
    }
    if (v.equals("false") || v.equals("0") || v.equals("no")) {
      return false;
    }
    throw new ConfigException(
        "Invalid value '" + value + "' for setting '" + key + "': expected true or false");
  }

  private static int parseInt(String key, String value, int dflt, IntPredicate ok, String rule) {
    if (isBlank(value)) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "Invalid value '" + value + "' for setting '" + key + "': " + rule);
    }
    if (!ok.test(v)) {
      throw new ConfigException("Invalid value '" + value + "' for setting '" + key + "': " + rule);
    }
    return v;
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
