package org.mlflowtables.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * OAuth machine-to-machine access tokens of a Databricks workspace: the client id and secret
 * exchanged at {@code {host}/oidc/v1/token} ({@code grant_type=client_credentials}, {@code
 * scope=all-apis}, the client authenticated with HTTP basic auth, as databricks-sdk does). One
 * instance per workspace and client in a JVM, so concurrent requests share one token; it is
 * fetched again before it expires (when less than half its lifetime, at most 20 minutes, is left,
 * databricks-sdk's rule), or at once after the server refused it.
 */
final class OAuthTokens {
  static final String TOKEN_PATH = "/oidc/v1/token";
  private static final Duration MAX_EARLY_REFRESH = Duration.ofMinutes(20);
  private static final Map<String, OAuthTokens> SHARED = new ConcurrentHashMap<>();

  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String basicAuth;
  private final OkHttpClient http;
  private final ObjectMapper mapper;
  private String header; // guarded by this
  private long refreshAt; // System.nanoTime() after which the token is fetched again

  private OAuthTokens(HttpUrl tokenUrl, String clientId, String secret, OkHttpClient http,
      ObjectMapper mapper) {
    this.tokenUrl = tokenUrl;
    this.clientId = clientId;
    this.basicAuth = Credentials.basic(clientId, secret, StandardCharsets.UTF_8);
    this.http = http;
    this.mapper = mapper;
  }

  /** The token source of this workspace and client, shared by every client in the JVM. */
  static OAuthTokens shared(HttpUrl host, String clientId, String secret, OkHttpClient http,
      ObjectMapper mapper) {
    HttpUrl url = host.newBuilder().encodedPath(TOKEN_PATH).build();
    // The key holds the secret so that a changed secret gets a source of its own; never printed.
    return SHARED.computeIfAbsent(url + "\n" + clientId + "\n" + secret,
        k -> new OAuthTokens(url, clientId, secret, http, mapper));
  }

  /**
   * The {@code Authorization} header value, fetching a token when there is none or it is about to
   * expire.
   *
   * @throws MlflowApiException when the token endpoint refuses or fails (status 0: no answer)
   */
  synchronized String header() {
    if (header == null || System.nanoTime() - refreshAt >= 0) {
      fetch();
    }
    return header;
  }

  /** Forgets a token the server refused, so that the next request fetches a new one. */
  synchronized void invalidate(String refused) {
    if (refused != null && refused.equals(header)) {
      header = null;
    }
  }

  private void fetch() {
    Request request = new Request.Builder().url(tokenUrl)
        .header("Authorization", basicAuth)
        .header("Accept", "application/json")
        .header("User-Agent", "mlflow-tables")
        .post(new FormBody.Builder().add("grant_type", "client_credentials")
            .add("scope", "all-apis").build())
        .build();
    long asked = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      JsonNode json = parse(text);
      if (!response.isSuccessful() || !json.hasNonNull("access_token")) {
        throw refused(response.code(), json, text);
      }
      String type = json.path("token_type").asText("Bearer");
      long ttl = Math.max(0, json.path("expires_in").asLong(3600));
      long early = Math.min(ttl / 2, MAX_EARLY_REFRESH.toSeconds());
      header = (type.equalsIgnoreCase("bearer") ? "Bearer" : type) + " "
          + json.get("access_token").asText();
      refreshAt = asked + Duration.ofSeconds(ttl - early).toNanos();
    } catch (IOException e) {
      throw new MlflowApiException(null, 0, TOKEN_PATH, "OAuth token request failed ("
          + e.getClass().getSimpleName() + "): " + e.getMessage(), null);
    }
  }

  private JsonNode parse(String text) {
    try {
      return mapper.readTree(text.isBlank() ? "{}" : text);
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }

  private MlflowApiException refused(int status, JsonNode json, String text) {
    String error = json.path("error").asText(null);
    String description = json.path("error_description").asText(null);
    boolean wrongClient = status == 400 || status == 401 || "invalid_client".equals(error);
    String what = wrongClient
        ? "the workspace refused OAuth client '" + clientId + "': the client id or secret is"
            + " wrong, or the client was removed"
        : "the workspace did not issue an OAuth token for client '" + clientId + "'";
    String said = description != null ? description
        : error != null ? error : text.length() > 200 ? text.substring(0, 200) : text;
    return new MlflowApiException(error, status, TOKEN_PATH,
        what + (said.isBlank() ? "" : " (the server said: " + said.strip() + ")"), null);
  }
}
