package org.mlflowtables.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one MLflow REST call: auth, retries with back-off, and the response parsed straight from
 * the network stream (memory bounded by one page). Turns every failure into an
 * {@link MlflowApiException} naming status, path and MLflow's error code. Never logs headers,
 * tokens or passwords.
 */
final class HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int ERROR_BODY_LIMIT = 8192;

  private final OkHttpClient http;
  private final HttpUrl base;
  private final String fixedAuthorization;
  private final OAuthTokens oauth;
  private final AuthMessages authMessages;
  private final RetryPolicy retryPolicy;
  private final ObjectMapper mapper;

  HttpTransport(MlflowConfig config, RetryPolicy retryPolicy, ObjectMapper mapper) {
    this.http = HttpClients.forConfig(config);
    this.base = HttpUrl.get(config.uri());
    this.fixedAuthorization = fixedAuthorization(config);
    this.oauth = config.token() == null && config.clientId() != null
        ? OAuthTokens.shared(base, config.clientId(), config.clientSecret(), http, mapper) : null;
    this.authMessages = AuthMessages.of(config.user(), config.token() != null,
        oauth == null ? null : config.clientId());
    this.retryPolicy = retryPolicy;
    this.mapper = mapper;
  }

  /** A token or basic auth: the same header on every request (OAuth tokens change). */
  private static String fixedAuthorization(MlflowConfig config) {
    if (config.token() != null) {
      return "Bearer " + config.token();
    }
    if (config.user() != null && config.clientId() == null) {
      String pair = config.user() + ":" + config.password();
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  /** Whether a call may be repeated after a failure where the server may have acted. */
  enum Idempotency {
    /** Reads, and writes the server de-duplicates (log-batch on SQL stores). */
    SAFE,
    /** Creates: retried only when the server said it did not act (429, 503...). */
    UNSAFE
  }

  /**
   * Sends a call and parses its answer.
   *
   * @param method GET or POST
   * @param path the endpoint path, e.g. {@code /api/2.0/mlflow/runs/search}
   * @param query query parameters for GET (values may repeat)
   * @param body the JSON body for POST, or null
   */
  <T> T call(String method, String path, Map<String, List<String>> query, Object body,
      Class<T> type, Idempotency idempotency, RequestStats stats) {
    return call(method, path, query, body, type, idempotency, stats, false);
  }

  /**
   * As {@link #call(String, String, Map, Object, Class, Idempotency, RequestStats)}; with
   * {@code jsonFile} the answer is a JSON file served under another content type (a download).
   */
  <T> T call(String method, String path, Map<String, List<String>> query, Object body,
      Class<T> type, Idempotency idempotency, RequestStats stats, boolean jsonFile) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments(path.substring(1));
    if (query != null) {
      query.forEach((k, vs) -> vs.forEach(v -> url.addQueryParameter(k, v)));
    }
    byte[] payload = body == null ? null : toJson(body, path);
    Call call = new Call(method, path, url.build(), query, payload, idempotency, jsonFile);
    for (int attempt = 0; ; attempt++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new MlflowTablesException("Interrupted before calling " + path);
      }
      stats.request();
      if (attempt > 0) {
        stats.retry();
      }
      Failure failure;
      try {
        return send(call, type, stats);
      } catch (Failed f) {
        failure = f.failure;
      }
      if (!failure.retryable() || attempt >= retryPolicy.maxRetries()) {
        if (failure.retryable() && attempt > 0) {
          throw new MlflowApiException(failure.exception().errorCode(),
              failure.exception().httpStatus(), failure.exception().path(),
              failure.exception().serverMessage() + " (gave up after " + (attempt + 1)
                  + " attempts)", null);
        }
        throw failure.exception();
      }
      Duration wait = retryPolicy.delay(attempt, failure.retryAfter());
      LOG.debug("retrying {} {} in {} ms after: {}", method, path, wait.toMillis(),
          failure.exception().getMessage());
      sleep(wait, path);
    }
  }

  /**
   * One REST call as asked: what every attempt sends; {@code jsonFile} when the answer is a JSON
   * file served under another content type.
   */
  private record Call(String method, String path, HttpUrl url, Map<String, List<String>> query,
      byte[] payload, Idempotency idempotency, boolean jsonFile) {}

  /** One attempt: its answer parsed, or a {@link Failed} saying what went wrong. */
  private <T> T send(Call call, Class<T> type, RequestStats stats) throws Failed {
    String authorization;
    try {
      authorization = oauth != null ? oauth.header() : fixedAuthorization;
    } catch (MlflowApiException e) {
      throw new Failed(new Failure(e, e.httpStatus() == 0 || RetryPolicy.isRetryable(
          e.httpStatus()), null));
    }
    Request.Builder rb = new Request.Builder().url(call.url())
        .header("User-Agent", "mlflow-tables")
        .header("Accept", "application/json");
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    rb.method(call.method(), call.payload() == null ? null
        : RequestBody.create(call.payload(), JSON));
    boolean safe = call.idempotency() == Idempotency.SAFE;
    long started = System.nanoTime();
    try (Response response = http.newCall(rb.build()).execute()) {
      LOG.debug("{} {} -> {} in {} ms", call.method(), call.path(), response.code(),
          (System.nanoTime() - started) / 1_000_000);
      if (response.isSuccessful()) {
        return parse(response, call.path(), type, stats, call.jsonFile());
      }
      if (oauth != null && response.code() == 401) {
        oauth.invalidate(authorization);
      }
      throw new Failed(httpFailure(response, call, stats));
    } catch (MalformedAnswer e) {
      throw new Failed(new Failure(e.exception, true, null));
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new MlflowTablesException("Interrupted while calling " + call.path(), e);
      }
      throw new Failed(new Failure(new MlflowApiException(null, 0, call.path(),
          "timed out: " + e.getMessage(), null), safe, null));
    } catch (IOException e) {
      throw new Failed(new Failure(new MlflowApiException(null, 0, call.path(),
          "connection failed (" + e.getClass().getSimpleName() + "): " + e.getMessage(), null),
          safe, null));
    }
  }

  /** An attempt that failed (not an IOException, so that it passes the catch clauses above). */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Failure failure;

    Failed(Failure failure) {
      super(null, null, false, false);
      this.failure = failure;
    }
  }

  private record Failure(MlflowApiException exception, boolean retryable, Duration retryAfter) {}

  /** A 2xx whose body is not the JSON we expect (cut short, or a proxy's page). */
  private static final class MalformedAnswer extends IOException {
    private static final long serialVersionUID = 1L;
    final transient MlflowApiException exception;

    MalformedAnswer(MlflowApiException exception) {
      this.exception = exception;
    }
  }

  private <T> T parse(Response response, String path, Class<T> type, RequestStats stats,
      boolean jsonFile) throws IOException {
    ResponseBody body = response.body();
    String contentType = response.header("Content-Type", "");
    if (!jsonFile && !contentType.contains("json")) {
      String text = body == null ? "" : snippet(body.string());
      throw new MalformedAnswer(new MlflowApiException(null, response.code(), path,
          "the server answered with " + describe(contentType) + ", not MLflow JSON"
              + (text.isEmpty() ? "" : ": " + text), null));
    }
    try (InputStream in = new CountingStream(body.byteStream(), stats)) {
      T value = mapper.readValue(in, type);
      if (value == null) {
        throw new MalformedAnswer(new MlflowApiException(null, response.code(), path,
            "the server answered with an empty body", null));
      }
      return value;
    } catch (JsonProcessingException e) {
      // A cut connection mid-body or a malformed document: the page is incomplete, so retry it.
      throw new MalformedAnswer(new MlflowApiException(null, response.code(), path,
          "malformed or truncated JSON answer: " + e.getOriginalMessage(), null));
    }
  }

  private Failure httpFailure(Response response, Call call, RequestStats stats)
      throws IOException {
    String path = call.path();
    int code = response.code();
    String contentType = response.header("Content-Type", "");
    ResponseBody body = response.body();
    String text = body == null ? "" : readLimited(body);
    stats.received(text.length());
    String errorCode = null;
    String message;
    if (contentType.contains("json")) {
      try {
        JsonNode node = mapper.readTree(text);
        errorCode = node.path("error_code").asText(null);
        message = node.path("message").asText(null);
        if (message == null) {
          message = snippet(text);
        }
      } catch (JsonProcessingException e) {
        message = "malformed JSON error answer: " + snippet(text);
      }
    } else if (code == 401 || code == 403) {
      message = snippet(text);
    } else {
      message = "the server answered with " + describe(contentType) + ", not MLflow JSON"
          + (text.isBlank() ? "" : ": " + snippet(text));
    }
    if (code == 401 || code == 403) {
      message = authMessages.describe(code, call.method(), path, call.query(),
          requestJson(call.payload()), message);
      errorCode = errorCode != null ? errorCode
          : code == 401 ? "UNAUTHENTICATED" : "PERMISSION_DENIED";
    }
    return new Failure(new MlflowApiException(errorCode, code, path, message, null),
        RetryPolicy.isRetryable(code) || RetryPolicy.isOverloadedStore(code, message),
        retryAfter(response.header("Retry-After")));
  }

  private JsonNode requestJson(byte[] payload) {
    try {
      return payload == null ? null : mapper.readTree(payload);
    } catch (IOException e) {
      return null;
    }
  }

  private static String describe(String contentType) {
    return contentType.isEmpty() ? "no content type" : contentType.split(";")[0].trim();
  }

  /** The first characters of a body, tags stripped and whitespace folded, for messages. */
  private static String snippet(String text) {
    String s = text.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static String readLimited(ResponseBody body) throws IOException {
    okio.BufferedSource src = body.source();
    src.request(ERROR_BODY_LIMIT);
    long n = Math.min(ERROR_BODY_LIMIT, src.getBuffer().size());
    return src.getBuffer().readString(n, StandardCharsets.UTF_8);
  }

  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private byte[] toJson(Object body, String path) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new MlflowTablesException("Cannot encode the request for " + path + ": "
          + e.getOriginalMessage(), e);
    }
  }

  private static void sleep(Duration wait, String path) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowTablesException("Interrupted while waiting to retry " + path, e);
    }
  }

  /** Counts the bytes Jackson reads from the network. */
  private static final class CountingStream extends FilterInputStream {
    private final RequestStats stats;

    CountingStream(InputStream in, RequestStats stats) {
      super(in);
      this.stats = stats;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        stats.received(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      stats.received(n);
      return n;
    }
  }
}
