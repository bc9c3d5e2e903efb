package org.mlflowtables.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * Resolves the tracking URIs {@code databricks} and {@code databricks://PROFILE} to a workspace
 * host and its credentials, as MLflow's clients do through databricks-sdk's unified auth: a
 * profile of {@code ~/.databrickscfg} (or of the file {@code DATABRICKS_CONFIG_FILE} names) with
 * {@code host} and either {@code token} or OAuth machine-to-machine {@code client_id} and {@code
 * client_secret}; {@code DATABRICKS_HOST}, {@code DATABRICKS_TOKEN}, {@code DATABRICKS_CLIENT_ID}
 * and {@code DATABRICKS_CLIENT_SECRET} win over the profile's fields. {@code databricks} alone
 * uses the environment when it names a host or credentials, else the profile {@code
 * DATABRICKS_CONFIG_PROFILE} or {@code DEFAULT}. Messages name the profile, file and field at
 * fault, never a secret.
 */
final class DatabricksWorkspace {
  private static final String SCHEME = "databricks";
  private static final Map<String, String> ENV = Map.of("host", "DATABRICKS_HOST",
      "token", "DATABRICKS_TOKEN", "client_id", "DATABRICKS_CLIENT_ID",
      "client_secret", "DATABRICKS_CLIENT_SECRET", "auth_type", "DATABRICKS_AUTH_TYPE");

  /** A workspace and how to authenticate to it; {@link #toString()} hides the secrets. */
  record Target(String host, String token, String clientId, String clientSecret) {
    @Override
    public String toString() {
      return "Target{host=" + host + (token != null ? ", token=***" : "")
          + (clientId != null ? ", clientId=" + clientId + ", clientSecret=***" : "") + "}";
    }
  }

  private DatabricksWorkspace() {}

  /** Whether a tracking URI names a Databricks workspace ({@code databricks[://PROFILE]}). */
  static boolean names(String uri) {
    String u = uri == null ? "" : uri.trim().toLowerCase(Locale.ROOT);
    return u.equals(SCHEME) || u.startsWith(SCHEME + "://");
  }

  /**
   * The workspace and credentials a Databricks tracking URI stands for.
   *
   * @param needCredentials false when the caller gives credentials of its own (only the host is
   *     then required)
   */
  static Target resolve(String uri, Map<String, String> env, boolean needCredentials) {
    String u = uri.trim();
    String profile = u.length() > SCHEME.length() ? u.substring(SCHEME.length() + 3) : null;
    if (profile != null && (profile.isBlank() || profile.contains(":")
        || profile.contains("/"))) {
      throw new ConfigException("Setting 'uri' is '" + u + "': expected databricks or "
          + "databricks://PROFILE (a profile of the Databricks config file)");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String source = "the environment (DATABRICKS_HOST...)";
    boolean envConfigured = ENV.values().stream().anyMatch(k -> !isBlank(env.get(k)));
    boolean defaulted = false;
    if (profile == null && !isBlank(env.get("DATABRICKS_CONFIG_PROFILE"))) {
      profile = env.get("DATABRICKS_CONFIG_PROFILE").trim();
    } else if (profile == null && !envConfigured) {
      profile = "DEFAULT";
      defaulted = true;
    }
    if (profile != null) {
      Path file = configFile(env);
      try {
        fields.putAll(profileOf(file, profile));
      } catch (ConfigException e) {
        if (!defaulted) {
          throw e;
        }
        throw new ConfigException("Setting 'uri' is 'databricks' but DATABRICKS_HOST is not set"
            + " (with DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET) and"
            + " there is no DEFAULT profile to use instead: " + e.getMessage());
      }
      source = "profile '" + profile + "' of " + file;
    }
    ENV.forEach((field, variable) -> {
      if (!isBlank(env.get(variable))) {
        fields.put(field, env.get(variable).trim());
      }
    });
    String host = fields.get("host");
    if (isBlank(host)) {
      throw new ConfigException("Databricks " + source + " has no 'host' (set host in the "
          + "profile or DATABRICKS_HOST)");
    }
    host = host.contains("://") ? host : "https://" + host;
    if (!needCredentials) {
      return new Target(host, null, null, null);
    }
    return credentials(host, fields, source);
  }

  private static Target credentials(String host, Map<String, String> f, String source) {
    String token = f.get("token");
    String id = f.get("client_id");
    String secret = f.get("client_secret");
    String authType = f.getOrDefault("auth_type", "").toLowerCase(Locale.ROOT);
    boolean m2m = id != null || secret != null;
    if (authType.equals("pat") || (authType.isEmpty() && token != null && !m2m)) {
      if (token == null) {
        throw new ConfigException("Databricks " + source + " has auth_type pat but no 'token'");
      }
      return new Target(host, token, null, null);
    }
    if (!authType.isEmpty() && !authType.equals("oauth-m2m")) {
      throw new ConfigException("Databricks " + source + " has auth_type '" + authType
          + "': mlflow-tables supports pat (token) and oauth-m2m (client_id, client_secret)");
    }
    if (authType.isEmpty() && token != null) {
      throw new ConfigException("Databricks " + source + " has both a 'token' and OAuth "
          + "'client_id'/'client_secret': keep one, or choose with auth_type (pat or oauth-m2m)");
    }
    if (id == null || secret == null) {
      throw new ConfigException("Databricks " + source + " has "
          + (m2m ? "'" + (id == null ? "client_secret" : "client_id") + "' but no '"
              + (id == null ? "client_id" : "client_secret") + "'"
              : "no credentials: give 'token', or 'client_id' and 'client_secret' (OAuth M2M)"));
    }
    return new Target(host, null, id, secret);
  }

  /** {@code DATABRICKS_CONFIG_FILE}, else {@code ~/.databrickscfg}. */
  static Path configFile(Map<String, String> env) {
    String named = env.get("DATABRICKS_CONFIG_FILE");
    if (!isBlank(named)) {
      String n = named.trim();
      return n.startsWith("~/") ? Paths.get(System.getProperty("user.home"), n.substring(2))
          : Paths.get(n);
    }
    return Paths.get(System.getProperty("user.home"), ".databrickscfg");
  }

  private static Map<String, String> profileOf(Path file, String profile) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Databricks profile '" + profile + "': no config file " + file
          + " (create it, e.g. with 'databricks configure', or name one in "
          + "DATABRICKS_CONFIG_FILE)");
    }
    Map<String, Map<String, String>> sections;
    try {
      sections = parseIni(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Databricks config file " + file, e);
    }
    Map<String, String> fields = sections.get(profile);
    if (fields == null) {
      throw new ConfigException("Databricks profile '" + profile + "' is not in " + file
          + " (profiles there: " + String.join(", ", sections.keySet()) + ")");
    }
    return fields;
  }

  /**
   * The sections of an INI file as Python's configparser reads {@code .databrickscfg}: {@code
   * [name]} headers, {@code key = value} or {@code key: value} lines, keys in any case, {@code #}
   * and {@code ;} comment lines. A section's own keys only ([DEFAULT] is not merged in, as in
   * databricks-sdk).
   */
  static Map<String, Map<String, String>> parseIni(List<String> lines) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
            k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (current != null && at > 0) {
        String value = line.substring(at + 1).strip();
        if (!value.isEmpty()) {
          current.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT), value);
        }
      }
    }
    return sections;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
