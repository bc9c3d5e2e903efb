package org.mlflowtables.core.client;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * One shared {@link OkHttpClient} (connection pool and dispatcher) per distinct connection setting,
 * so that many scans, statements and Spark tasks in one JVM reuse connections instead of opening
 * pools they never close. Secrets are not part of the key: auth is added per request.
 */
final class HttpClients {
  private record Key(boolean insecureTls, int timeoutSeconds) {}

  private static final Map<Key, OkHttpClient> CLIENTS = new ConcurrentHashMap<>();

  private HttpClients() {}

  static OkHttpClient forConfig(MlflowConfig config) {
    return CLIENTS.computeIfAbsent(
        new Key(config.insecureTls(), config.timeoutSeconds()), HttpClients::create);
  }

  private static OkHttpClient create(Key key) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(64);
    Duration timeout = Duration.ofSeconds(key.timeoutSeconds());
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(32, 2, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(Math.min(10, key.timeoutSeconds())))
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout.multipliedBy(2))
        // OkHttp silently retries only a stale pooled connection (the server closed it while idle,
        // uvicorn after 5 s); every fault the server answers or cuts mid-call is RetryPolicy's.
        .retryOnConnectionFailure(true)
        .followRedirects(true);
    if (key.insecureTls()) {
      trustEverything(b);
    }
    return b.build();
  }

  private static void trustEverything(OkHttpClient.Builder b) {
    X509TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      b.sslSocketFactory(ctx.getSocketFactory(), trustAll).hostnameVerifier((host, s) -> true);
    } catch (java.security.GeneralSecurityException e) {
      throw new ConfigException("Setting 'insecureTls' could not be applied: " + e.getMessage());
    }
  }
}
