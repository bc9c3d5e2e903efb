package org.mlflowtables.core.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.function.Executable;

/**
 * A small HTTP/1.1 proxy for tests, in front of a real MLflow server, that injects faults the way
 * a flaky network, a load balancer or a restarting server would, and counts each kind it injected.
 *
 * <p>Every request is read whole; a {@link FaultPlan} decides, from the request and how many times
 * the same request (method, target and body) was seen before, whether it is forwarded untouched or
 * answered with a {@link Fault}. Some faults forward the request first (the server acts, the
 * answer is lost or spoiled), so that writes are retried after the server already stored them.
 * {@link #outage(Duration, boolean)} simulates a server restart: for a while, every connection is
 * refused (the listening socket is closed and later bound again on the same port) or reset.
 *
 * <p>Binds 127.0.0.1 only; threads are daemons; {@link #close()} stops everything. Records the
 * {@code Authorization} headers it saw (as SHA-256 digests, never the value) so tests can prove a
 * secret went on the wire without keeping it.
 */
public final class FaultProxy implements AutoCloseable {

  /** What the proxy does with one request. */
  public enum Fault {
    /** Forward it and relay the answer. */
    NONE(false),
    /** 503 with an MLflow-looking JSON body, no Retry-After (a burst is several in a row). */
    HTTP_503(false),
    /** 503 with {@code Retry-After: 1}. */
    HTTP_503_RETRY_AFTER(false),
    /** 429 (throttled), no Retry-After. */
    HTTP_429(false),
    /** 429 with {@code Retry-After: 1}. */
    HTTP_429_RETRY_AFTER(false),
    /** The connection is reset (RST) right after the request was read: the server never saw it. */
    RESET_BEFORE_ANSWER(false),
    /** Forwarded; the status line, headers and half the body are sent, then the connection is reset. */
    RESET_MID_BODY(true),
    /** Forwarded; the answer is held back longer than the client's timeout, then dropped. */
    SLOWER_THAN_TIMEOUT(true),
    /** Forwarded; a 200 whose JSON body is cut in half (Content-Length matches the cut body). */
    TRUNCATED_JSON(true),
    /** A 502 HTML error page, as nginx or a load balancer sends it. */
    HTML_502_FROM_PROXY(false),
    /** A 200 HTML page (a captive portal or a login page of a proxy). */
    HTML_200_FROM_PROXY(false),
    /** 401 with a JSON error: a proxy asking for credentials. */
    HTTP_401(false),
    /** 403 with a JSON error: a proxy refusing the credentials. */
    HTTP_403(false),
    /**
     * Forwarded; a 200 whose {@code next_page_token} is replaced by one the server rejects (a
     * proxy or cache that mangles bodies): the next page's request then fails with a 400.
     */
    CORRUPT_PAGE_TOKEN(true);

    /** Whether the server receives (and acts on) the request before the fault. */
    public final boolean serverActs;

    Fault(boolean serverActs) {
      this.serverActs = serverActs;
    }

    /** The transient faults a client must ride out with retries. */
    public static final List<Fault> TRANSIENT = List.of(HTTP_503, HTTP_503_RETRY_AFTER, HTTP_429,
        HTTP_429_RETRY_AFTER, RESET_BEFORE_ANSWER, RESET_MID_BODY, SLOWER_THAN_TIMEOUT,
        TRUNCATED_JSON, HTML_502_FROM_PROXY, HTML_200_FROM_PROXY);

    /**
     * The transient faults for {@link FaultPlan#bursts}, weighted so that the slow ones
     * (Retry-After waits 1 s, a timeout 2 s) are rarer: a scan of a few dozen requests meets every
     * kind, and the tests of core, Spark and JDBC that ride them out stay fast.
     */
    public static final List<Fault> TRANSIENT_WEIGHTED = List.of(HTTP_503, RESET_MID_BODY,
        HTTP_429, TRUNCATED_JSON, HTML_502_FROM_PROXY, RESET_BEFORE_ANSWER, HTTP_503,
        HTML_200_FROM_PROXY, HTTP_503_RETRY_AFTER, RESET_MID_BODY, HTTP_429, TRUNCATED_JSON,
        SLOWER_THAN_TIMEOUT, HTTP_503, HTTP_429_RETRY_AFTER);
  }

  /** A request as the plan sees it. */
  public record Request(long seq, String method, String path, String query, int bodyLength,
      int attempt) {
    /** The decoded values of a query parameter, in order (empty without one). */
    public List<String> queryValues(String name) {
      List<String> out = new ArrayList<>();
      if (query != null) {
        for (String pair : query.split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv[0].equals(name) && kv.length == 2) {
            out.add(java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
        }
      }
      return out;
    }
  }

  /** Decides the fault of each request. Called concurrently. */
  @FunctionalInterface
  public interface FaultPlan {
    Fault decide(Request request);

    /** Forward everything. */
    static FaultPlan none() {
      return r -> Fault.NONE;
    }

    /** The same fault for every request (a budget that must run out). */
    static FaultPlan always(Fault fault) {
      return r -> fault;
    }

    /**
     * Bursts of faults spread over distinct requests: the n-th distinct request (counting from 0)
     * gets a burst when {@code n % every == offset}; a burst is 1 to {@code maxBurst} faults (its
     * attempts 0, 1, ...), the kinds taken in turn from {@code kinds}. A request never gets more
     * than {@code maxBurst} faults, so a client with at least that many retries always gets through.
     */
    static FaultPlan bursts(int every, int maxBurst, List<Fault> kinds) {
      return new BurstPlan(every, maxBurst, kinds, p -> true);
    }

    /** As {@link #bursts(int, int, List)}, only on paths that {@code onPath} accepts. */
    static FaultPlan bursts(int every, int maxBurst, List<Fault> kinds,
        java.util.function.Predicate<String> onPath) {
      return new BurstPlan(every, maxBurst, kinds, onPath);
    }
  }

  private static final class BurstPlan implements FaultPlan {
    private final int every;
    private final int maxBurst;
    private final List<Fault> kinds;
    private final java.util.function.Predicate<String> onPath;
    private final AtomicLong distinct = new AtomicLong();
    private final AtomicLong burstNo = new AtomicLong();
    private final Map<String, List<Fault>> bursts = new ConcurrentHashMap<>();
    private final AtomicLong kindCursor = new AtomicLong();

    BurstPlan(int every, int maxBurst, List<Fault> kinds,
        java.util.function.Predicate<String> onPath) {
      this.every = every;
      this.maxBurst = maxBurst;
      this.kinds = List.copyOf(kinds);
      this.onPath = onPath;
    }

    @Override
    public Fault decide(Request r) {
      return Fault.NONE; // replaced by decide(Request, String) through the proxy
    }

    Fault decide(Request r, String identity) {
      if (!onPath.test(r.path())) {
        return Fault.NONE;
      }
      List<Fault> burst = bursts.computeIfAbsent(identity, k -> {
        long n = distinct.getAndIncrement();
        if (n % every != 0) {
          return List.of();
        }
        int length = 1 + (int) (burstNo.getAndIncrement() % maxBurst);
        List<Fault> b = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
          b.add(kinds.get((int) (kindCursor.getAndIncrement() % kinds.size())));
        }
        return b;
      });
      return r.attempt() < burst.size() ? burst.get(r.attempt()) : Fault.NONE;
    }
  }

  /** The page token {@link Fault#CORRUPT_PAGE_TOKEN} puts in answers. */
  public static final String BAD_PAGE_TOKEN = "bm90LWEtcmVhbC10b2tlbg==";

  private final URI upstream;
  private final HttpClient http;
  private final ExecutorService connections;
  private final Thread acceptor;
  private final int port;
  private volatile FaultPlan plan;
  private volatile ServerSocket listener;
  private volatile boolean closed;
  private volatile long slowMillis = 2_500;
  private volatile long outageUntilNanos;
  private volatile boolean outageReset;

  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger openNow = new AtomicInteger();
  private final AtomicInteger peakOpen = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();
  private final AtomicLong refusedInOutage = new AtomicLong();
  private final AtomicLong upstreamDown = new AtomicLong();
  private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> byPath = new ConcurrentHashMap<>();
  private final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
  private final Set<String> authorizationDigests = ConcurrentHashMap.newKeySet();

  private FaultProxy(URI upstream, FaultPlan plan) throws IOException {
    this.upstream = upstream;
    this.plan = plan;
    for (Fault f : Fault.values()) {
      injected.put(f, new AtomicLong());
    }
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger n = new AtomicInteger();
    this.connections = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-proxy-conn-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.listener = bind(0);
    this.port = listener.getLocalPort();
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + port);
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** Starts a proxy to {@code upstreamUri} (e.g. {@code http://127.0.0.1:5000}). */
  public static FaultProxy start(String upstreamUri, FaultPlan plan) {
    try {
      return new FaultProxy(URI.create(upstreamUri), plan);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot start the fault proxy", e);
    }
  }

  private ServerSocket bind(int p) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 512);
    return s;
  }

  /** The proxy's base URI, {@code http://127.0.0.1:<port>}. */
  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public FaultProxy plan(FaultPlan p) {
    this.plan = p;
    return this;
  }

  /** How long {@link Fault#SLOWER_THAN_TIMEOUT} holds an answer back (default 2.5 s). */
  public FaultProxy slowMillis(long millis) {
    this.slowMillis = millis;
    return this;
  }

  /**
   * A simulated server restart, starting now and lasting {@code d}: every open connection is reset
   * and every new one refused ({@code reset=false}: the listening socket is closed, then bound
   * again on the same port) or accepted and reset at once ({@code reset=true}, which lets the
   * proxy count the attempts). Returns at once.
   */
  public void outage(Duration d, boolean reset) {
    outageReset = reset;
    outageUntilNanos = System.nanoTime() + d.toNanos();
    for (Socket s : open) {
      resetQuietly(s);
    }
    if (!reset) {
      ServerSocket l = listener;
      try {
        l.close();
      } catch (IOException e) {
        // closing a listener does not fail in practice
      }
    }
  }

  /** Whether an outage is going on. */
  public boolean inOutage() {
    return System.nanoTime() < outageUntilNanos;
  }

  private void acceptLoop() {
    while (!closed) {
      ServerSocket l = listener;
      if (l.isClosed()) {
        // Refusing: wait for the outage to end, then listen on the same port again.
        long left = outageUntilNanos - System.nanoTime();
        if (left > 0) {
          sleepQuietly(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
          continue;
        }
        try {
          listener = bind(port);
        } catch (IOException e) {
          sleepQuietly(20);
        }
        continue;
      }
      Socket s;
      try {
        s = l.accept();
      } catch (IOException e) {
        continue; // closed for an outage or for good
      }
      accepted.incrementAndGet();
      if (inOutage()) {
        refusedInOutage.incrementAndGet();
        arrivalNanos.add(System.nanoTime());
        resetQuietly(s);
        continue;
      }
      open.add(s);
      int now = openNow.incrementAndGet();
      peakOpen.accumulateAndGet(now, Math::max);
      try {
        connections.execute(() -> serve(s));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        closeSocket(s);
      }
    }
  }

  // ---- one connection ------------------------------------------------------------------------

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        Parsed req = readRequest(in);
        if (req == null) {
          return; // the client closed the connection
        }
        arrivalNanos.add(System.nanoTime());
        if (inOutage()) {
          refusedInOutage.incrementAndGet();
          resetQuietly(socket);
          return;
        }
        if (!handle(req, socket, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or we reset the connection on purpose
    } finally {
      open.remove(socket);
      openNow.decrementAndGet();
    }
  }

  private record Parsed(String method, String target, Map<String, String> headers, byte[] body) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    String query() {
      int q = target.indexOf('?');
      return q < 0 ? "" : target.substring(q + 1);
    }
  }

  /** Handles one request; false when the connection must not be used again. */
  private boolean handle(Parsed req, Socket socket, OutputStream out) throws IOException {
    long seq = requests.incrementAndGet();
    byPath.computeIfAbsent(req.path(), k -> new AtomicLong()).incrementAndGet();
    String auth = req.headers().get("authorization");
    if (auth != null) {
      authorizationDigests.add(sha256(auth));
    }
    String identity = req.method() + " " + req.target() + " " + sha256(req.body());
    int attempt = attempts.computeIfAbsent(identity, k -> new AtomicInteger()).getAndIncrement();
    Request r = new Request(seq, req.method(), req.path(), req.query(), req.body().length, attempt);
    FaultPlan p = plan;
    Fault fault = p instanceof BurstPlan b ? b.decide(r, identity) : p.decide(r);
    if (fault == null) {
      fault = Fault.NONE;
    }
    if (fault != Fault.NONE) {
      injected.get(fault).incrementAndGet();
    }
    switch (fault) {
      case HTTP_503:
        writeJson(out, 503, "Service Unavailable", Map.of(),
            "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"injected 503\"}");
        return true;
      case HTTP_503_RETRY_AFTER:
        writeJson(out, 503, "Service Unavailable", Map.of("Retry-After", "1"),
            "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"injected 503\"}");
        return true;
      case HTTP_429:
        writeJson(out, 429, "Too Many Requests", Map.of(),
            "{\"error_code\": \"REQUEST_LIMIT_EXCEEDED\", \"message\": \"injected 429\"}");
        return true;
      case HTTP_429_RETRY_AFTER:
        writeJson(out, 429, "Too Many Requests", Map.of("Retry-After", "1"),
            "{\"error_code\": \"REQUEST_LIMIT_EXCEEDED\", \"message\": \"injected 429\"}");
        return true;
      case HTTP_401:
        writeJson(out, 401, "Unauthorized", Map.of("WWW-Authenticate", "Bearer"),
            "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"Credentials were not supplied "
                + "or are invalid (injected 401)\"}");
        return true;
      case HTTP_403:
        writeJson(out, 403, "Forbidden", Map.of(),
            "{\"error_code\": \"PERMISSION_DENIED\", \"message\": \"Permission denied for this "
                + "resource (injected 403)\"}");
        return true;
      case HTML_502_FROM_PROXY:
        write(out, 502, "Bad Gateway", Map.of("Content-Type", "text/html"),
            ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 "
                + "Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n"
                + "</html>\r\n").getBytes(StandardCharsets.UTF_8));
        return true;
      case HTML_200_FROM_PROXY:
        write(out, 200, "OK", Map.of("Content-Type", "text/html; charset=utf-8"),
            ("<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Corporate proxy"
                + "</h1><p>Please sign in to continue.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8));
        return true;
      case RESET_BEFORE_ANSWER:
        resetQuietly(socket);
        return false;
      default:
        break;
    }
    Upstream answer = forward(req);
    if (answer == null) {
      // The server is down (a real restart): the client sees a reset connection.
      upstreamDown.incrementAndGet();
      resetQuietly(socket);
      return false;
    }
    forwarded.incrementAndGet();
    switch (fault) {
      case RESET_MID_BODY: {
        byte[] body = answer.body();
        writeHead(out, answer.status(), answer.headers(), body.length);
        out.write(body, 0, body.length / 2);
        out.flush();
        resetQuietly(socket);
        return false;
      }
      case SLOWER_THAN_TIMEOUT:
        sleepQuietly(slowMillis);
        resetQuietly(socket);
        return false;
      case CORRUPT_PAGE_TOKEN: {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        String mangled = text.replaceAll("\"next_page_token\"\\s*:\\s*\"[^\"]*\"",
            "\"next_page_token\": \"" + BAD_PAGE_TOKEN + "\"");
        write(out, answer.status(), answer.headers(), mangled.getBytes(StandardCharsets.UTF_8));
        return true;
      }
      case TRUNCATED_JSON: {
        byte[] body = answer.body();
        byte[] cut = java.util.Arrays.copyOf(body, Math.max(1, body.length / 2));
        write(out, answer.status(), answer.headers(), cut);
        return true;
      }
      default:
        write(out, answer.status(), answer.headers(), answer.body());
        return true;
    }
  }

  private record Upstream(int status, Map<String, String> headers, byte[] body) {}

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect",
      "host", "upgrade", "keep-alive", "transfer-encoding", "te", "trailer",
      "proxy-authorization", "proxy-connection", "accept-encoding");

  private Upstream forward(Parsed req) {
    HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(req.target()))
        .timeout(Duration.ofSeconds(120));
    req.headers().forEach((k, v) -> {
      if (!HOP_BY_HOP.contains(k)) {
        try {
          b.header(k, v);
        } catch (IllegalArgumentException e) {
          // a header java.net.http refuses to set: not needed by MLflow
        }
      }
    });
    b.method(req.method(), req.body().length == 0 && !"POST".equals(req.method())
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(req.body()));
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().map().forEach((k, vs) -> {
        if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !vs.isEmpty()) {
          headers.put(k, vs.get(0));
        }
      });
      return new Upstream(r.statusCode(), headers, r.body());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  // ---- HTTP/1.1 ------------------------------------------------------------------------------

  private static Parsed readRequest(InputStream in) throws IOException {
    String requestLine = readLine(in);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(in);
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length < 3) {
      throw new IOException("bad request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    byte[] body;
    String te = headers.get("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(length);
      if (body.length < length) {
        throw new IOException("body cut short");
      }
    }
    return new Parsed(parts[0], parts[1], headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new IOException("chunked body cut short");
      }
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        for (String l = readLine(in); l != null && !l.isEmpty(); l = readLine(in)) {
          // trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
      }
      line.write(c);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void writeJson(OutputStream out, int status, String reason,
      Map<String, String> extra, String json) throws IOException {
    Map<String, String> h = new LinkedHashMap<>(extra);
    h.put("Content-Type", "application/json");
    write(out, status, reason, h, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(OutputStream out, int status, String reason,
      Map<String, String> headers, byte[] body) throws IOException {
    writeHead(out, status, reason, headers, body.length);
    out.write(body);
    out.flush();
  }

  private static void write(OutputStream out, int status, Map<String, String> headers,
      byte[] body) throws IOException {
    write(out, status, "Status", headers, body);
  }

  private static void writeHead(OutputStream out, int status, Map<String, String> headers,
      int contentLength) throws IOException {
    writeHead(out, status, "Status", headers, contentLength);
  }

  private static void writeHead(OutputStream out, int status, String reason,
      Map<String, String> headers, int contentLength) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("Content-Length: ").append(contentLength).append("\r\n");
    sb.append("Connection: keep-alive\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private static void resetQuietly(Socket s) {
    try {
      s.setSoLinger(true, 0); // close sends RST
    } catch (SocketException e) {
      // already closed
    }
    closeSocket(s);
  }

  private static void closeSocket(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] b) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- what happened -------------------------------------------------------------------------

  /** Faults injected so far, per kind (kinds never injected included, with 0). */
  public Map<Fault, Long> injected() {
    Map<Fault, Long> m = new EnumMap<>(Fault.class);
    injected.forEach((k, v) -> {
      if (k != Fault.NONE) {
        m.put(k, v.get());
      }
    });
    return m;
  }

  public long injectedTotal() {
    return injected().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Requests read (faulted or forwarded), not counting connections reset during an outage. */
  public long requests() {
    return requests.get();
  }

  /** Requests relayed to the server. */
  public long forwarded() {
    return forwarded.get();
  }

  /** Requests per path. */
  public Map<String, Long> requestsByPath() {
    Map<String, Long> m = new java.util.TreeMap<>();
    byPath.forEach((k, v) -> m.put(k, v.get()));
    return m;
  }

  /** Connections or requests reset because an outage was going on ({@code reset=true} only). */
  public long refusedInOutage() {
    return refusedInOutage.get();
  }

  /** Requests the server did not answer (it was down): the client saw a reset. */
  public long upstreamDown() {
    return upstreamDown.get();
  }

  /** Connections accepted so far. */
  public long connectionsAccepted() {
    return accepted.get();
  }

  /** Client connections open now. */
  public int openConnections() {
    return openNow.get();
  }

  /** The most client connections open at once. */
  public int peakOpenConnections() {
    return peakOpen.get();
  }

  /** When requests (and outage attempts) arrived, {@link System#nanoTime()}. */
  public List<Long> arrivals() {
    return Collections.unmodifiableList(new ArrayList<>(arrivalNanos));
  }

  /** Whether a request carried exactly this {@code Authorization} header value. */
  public boolean sawAuthorization(String headerValue) {
    return authorizationDigests.contains(sha256(headerValue));
  }

  /** Resets the counters (not the plan). */
  public void resetCounters() {
    injected.values().forEach(a -> a.set(0));
    requests.set(0);
    forwarded.set(0);
    refusedInOutage.set(0);
    upstreamDown.set(0);
    byPath.clear();
    arrivalNanos.clear();
    attempts.clear();
    peakOpen.set(openNow.get());
  }

  /**
   * Forwards everything again and zeroes the counters: what a test class runs before each test, so
   * that no plan or count of one test leaks into the next, without restarting the proxy.
   */
  public void reset() {
    plan(FaultPlan.none());
    resetCounters();
  }

  /**
   * Runs {@code check} with {@code plan} in force, the counters zeroed first, and forwards
   * everything again afterwards, also when {@code check} fails: a test of refused requests leaves
   * a working proxy to the tests after it.
   */
  public void runUnder(FaultPlan plan, Executable check) throws Throwable {
    resetCounters();
    plan(plan);
    try {
      check.execute();
    } finally {
      plan(FaultPlan.none());
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing
    }
    acceptor.interrupt();
    for (Socket s : open) {
      closeSocket(s);
    }
    connections.shutdownNow();
    try {
      acceptor.join(5_000);
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + uri() + " -> " + upstream + ", requests=" + requests() + ", injected="
        + injected() + "]";
  }
}
