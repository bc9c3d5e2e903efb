package org.mlflowtables.jdbc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for an MLflow server whose search-runs never ends: every page holds one run, takes
 * {@code delayMillis} and names a next page. A scan of it stops only when the statement is
 * cancelled or times out, and {@link #searches()} shows whether the paging stopped.
 */
final class SlowMlflowStub implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final AtomicLong searches = new AtomicLong();

  SlowMlflowStub(long delayMillis) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.setExecutor(pool);
    http.createContext("/api/2.0/mlflow/runs/search", exchange -> {
      long n = searches.incrementAndGet();
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String body = "{\"runs\":[{\"info\":{\"run_id\":\"run" + n + "\",\"experiment_id\":\"0\","
          + "\"status\":\"FINISHED\",\"start_time\":" + n + ",\"lifecycle_stage\":\"active\"}}],"
          + "\"next_page_token\":\"page" + n + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      } catch (IOException ignored) {
        // the client went away
      }
    });
    http.start();
  }

  String uri() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** search-runs requests received so far. */
  long searches() {
    return searches.get();
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }
}
