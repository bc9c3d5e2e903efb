package org.mlflowtables.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says why a server answered 401 or 403, as MLflow's clients name it: credentials missing or
 * wrong (401), or permission denied for this user on the experiment, run or model the request
 * names, with the permission the call needs (403). Names the user, never a password or token.
 */
final class AuthMessages {
  /** The request fields that name what a call acts on, with the resource's kind. */
  private static final List<Map.Entry<String, String>> RESOURCE_FIELDS = List.of(
      Map.entry("run_id", "run"), Map.entry("run_uuid", "run"),
      Map.entry("model_id", "logged model"), Map.entry("experiment_id", "experiment"),
      Map.entry("experiment_ids", "experiment"), Map.entry("experiment_name", "experiment"),
      Map.entry("name", "name"));

  private final String who;
  private final String credentialHint;

  private AuthMessages(String who, String credentialHint) {
    this.who = who;
    this.credentialHint = credentialHint;
  }

  /** For a client with these credentials (user name, whether a token or OAuth client is used). */
  static AuthMessages of(String user, boolean token, String clientId) {
    if (clientId != null) {
      return new AuthMessages("OAuth client '" + clientId + "'",
          "the OAuth client id or secret is wrong, or the client was removed");
    }
    if (token) {
      return new AuthMessages("this token", "the token is wrong or has expired");
    }
    if (user != null) {
      return new AuthMessages("user '" + user + "'", "the user name or password is wrong");
    }
    return new AuthMessages(null, null);
  }

  /**
   * The message for a 401 or 403 answer.
   *
   * @param request the request's query parameters and JSON body fields
   * @param serverText what the server said (its message or page text), may be empty
   */
  String describe(int status, String method, String path, Map<String, List<String>> query,
      JsonNode body, String serverText) {
    String said = serverText == null || serverText.isBlank() ? ""
        : " (the server said: " + serverText + ")";
    if (status == 401) {
      return who == null
          ? "not authenticated: the server needs credentials and none were given (set 'user' and"
              + " 'password' or 'token'; MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD or"
              + " MLFLOW_TRACKING_TOKEN)" + said
          : "not authenticated: the server refused the credentials of " + who + ": "
              + credentialHint + said;
    }
    String resource = resource(path, query, body);
    return "permission denied for " + (who == null ? "an anonymous request" : who)
        + (resource == null ? "" : " on " + resource) + ": " + operation(path) + " needs "
        + permission(method, path) + " permission" + said;
  }

  /** The MLflow permission a call needs: reads READ, writes EDIT (mlflow.server.auth). */
  private static String permission(String method, String path) {
    boolean read = method.equals("GET") || path.endsWith("/search")
        || path.contains("/get-history");
    return read ? "READ" : "EDIT";
  }

  /** The endpoint as MLflow names it, e.g. {@code runs/log-batch}. */
  private static String operation(String path) {
    String p = path.replaceFirst("^/(ajax-)?api/[0-9.]+/mlflow/", "");
    return p.isEmpty() ? path : p;
  }

  private static String resource(String path, Map<String, List<String>> query, JsonNode body) {
    for (Map.Entry<String, String> field : RESOURCE_FIELDS) {
      List<String> values = new ArrayList<>();
      if (query != null && query.containsKey(field.getKey())) {
        values.addAll(query.get(field.getKey()));
      }
      JsonNode node = body == null ? null : body.get(field.getKey());
      if (node != null && node.isArray()) {
        node.forEach(v -> values.add(v.asText()));
      } else if (node != null && node.isValueNode()) {
        values.add(node.asText());
      }
      if (!values.isEmpty()) {
        String kind = field.getValue().equals("name") ? nameKind(path) : field.getValue();
        boolean quoted = field.getKey().endsWith("name");
        return kind + (values.size() > 1 ? "s " : " ")
            + String.join(", ", quoted ? values.stream().map(v -> "'" + v + "'").toList() : values);
      }
    }
    return null;
  }

  private static String nameKind(String path) {
    return path.contains("/registered-models/") || path.contains("/model-versions/")
        ? "registered model" : path.contains("/experiments/") ? "experiment" : "resource";
  }
}
