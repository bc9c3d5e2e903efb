package org.mlflowtables.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MLflow tracking server (the release pinned by {@code scripts/mlflow-venv.sh}) in a
 * process group of its own, with a fresh SQLite store and artifact root in a temporary directory
 * (or, with {@code -Dmlflowtables.store=postgres}, a fresh {@link PostgresStore} there).
 *
 * <p>Tests normally get the JVM-wide instance through {@link MlflowServerExtension}; {@link
 * #start()} starts a separate one (the caller stops it). {@link #stop()} kills the whole process
 * group and waits until no member is left; a JVM shutdown hook does the same, and a watchdog in
 * the group stops it when the JVM dies without running hooks (its stdin pipe closes).
 *
 * <p>Linux only: it relies on {@code setsid}, {@code kill} and {@code /proc}.
 */
public final class MlflowServer implements AutoCloseable {

  /** The system property surefire sets to the directory holding {@code scripts/}. */
  public static final String PROJECT_ROOT_PROPERTY = "mlflowtables.projectRoot";

  /** Set to {@code true} to keep the server's temporary directory (database, log) after stop. */
  public static final String KEEP_DIR_PROPERTY = "mlflowtables.keepServerDir";

  private static final Logger LOG = LoggerFactory.getLogger(MlflowServer.class);

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration TERM_GRACE = Duration.ofSeconds(15);
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  /**
   * A uvicorn access-log line of a REST call, e.g. {@code 2026/01/02 10:29:11 INFO: 127.0.0.1:58242
   * - "GET /api/2.0/mlflow/runs/get?run_id=... HTTP/1.1" 200 OK} (mlflow's
   * server/uvicorn_log_config.yaml sends uvicorn.access at INFO to stdout).
   */
  private static final Pattern API_ACCESS_LINE =
      Pattern.compile(" - \"[A-Z]+ /(?:api|ajax-api)/[^\"]* HTTP/[0-9.]+\" \\d{3}");

  /**
   * Runs the server (the arguments) in the background and a watchdog that kills the whole group
   * when stdin, a pipe from this JVM, reaches end of file: the JVM is gone. {@code $$} is the
   * group id because the script runs under {@code setsid}.
   */
  static final String WRAPPER =
      "exec 3<&0\n"
          + "\"$@\" </dev/null &\n"
          + "srv=$!\n"
          + "{ cat <&3 >/dev/null; kill -TERM -- -$$; } >/dev/null 2>&1 &\n"
          + "wait \"$srv\"\n";

  private static volatile String cachedPython;

  private final Path projectRoot;
  private final String python;
  private final Path dir;
  private final Path logFile;
  private final int port;
  private final String uri;
  private volatile Process process; // replaced by startAgain()
  private volatile ProcessBuilder launcher; // how startOnce started it, for startAgain()
  private volatile String adminPassword; // of a basic-auth server, else null
  private final Thread shutdownHook;
  private volatile Duration startupTime = Duration.ZERO;
  private final Object fixtureLock = new Object();
  private volatile Fixture fixture;
  private Throwable fixtureFailure; // guarded by fixtureLock
  private volatile boolean stopped;
  private PostgresStore postgres; // the store, when -Dmlflowtables.store=postgres

  private long countedOffset;
  private long counted;

  private MlflowServer(
      Path projectRoot,
      String python,
      Path dir,
      Path logFile,
      int port,
      Process process) {
    this.projectRoot = projectRoot;
    this.python = python;
    this.dir = dir;
    this.logFile = logFile;
    this.port = port;
    this.uri = "http://127.0.0.1:" + port;
    this.process = process;
    this.shutdownHook = new Thread(this::stop, "mlflow-server-" + port + "-shutdown");
  }

  /**
   * Starts a new server and waits until it answers. Each call starts a separate server; stop it
   * with {@link #stop()} (or let the shutdown hook do it).
   *
   * @throws IllegalStateException when it does not come up within 120 s, with the log's tail
   */
  public static MlflowServer start() {
    return start(null);
  }

  /**
   * Starts a new server with MLflow's basic-auth app ({@code --app-name basic-auth}): no
   * permission for anyone but the admin ({@code default_permission = NO_PERMISSIONS}), the admin
   * being {@link #ADMIN_USER} with this password. {@link #runPython} runs as the admin.
   */
  public static MlflowServer startWithBasicAuth(String adminPassword) {
    return start(adminPassword);
  }

  /** The admin user of a {@link #startWithBasicAuth} server. */
  public static final String ADMIN_USER = "admin";

  private static MlflowServer start(String adminPassword) {
    Path root = findProjectRoot();
    String python = venvPython(root);
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return startOnce(root, python, adminPassword);
      } catch (PortTakenException e) {
        last = new IllegalStateException(e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the MLflow server", e);
      }
    }
    throw last;
  }

  private static MlflowServer startOnce(Path root, String python, String adminPassword)
      throws IOException {
    Path dir = Files.createTempDirectory("mlflow-tables-server-");
    Path logFile = dir.resolve("server.log");
    Path artifacts = dir.resolve("artifacts");
    Files.createDirectories(artifacts);
    int port = freePort();
    String mlflow = Paths.get(python).resolveSibling("mlflow").toString();
    PostgresStore postgres = PostgresStore.selected() ? PostgresStore.start(dir, freePort()) : null;
    String store = postgres != null ? postgres.uri() : "sqlite:///" + dir.resolve("mlflow.db");

    List<String> command = new ArrayList<>();
    command.addAll(List.of("setsid", "bash", "-c", WRAPPER, "mlflow-tables-server"));
    command.addAll(
        List.of(
            mlflow,
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--backend-store-uri",
            store,
            "--default-artifact-root",
            artifacts.toString(),
            "--serve-artifacts",
            "--artifacts-destination",
            artifacts.toString(),
            "--workers",
            "1"));
    Path authConfig = adminPassword == null ? null : basicAuth(dir, adminPassword, command);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    pythonEnvironment(pb.environment());
    if (authConfig != null) {
      pb.environment().put("MLFLOW_AUTH_CONFIG_PATH", authConfig.toString());
      // The auth app refuses to start without a CSRF key; one per server, kept for startAgain().
      pb.environment().put("MLFLOW_FLASK_SERVER_SECRET_KEY", UUID.randomUUID().toString());
    }

    long t0 = System.nanoTime();
    Process process = pb.start();
    MlflowServer server = new MlflowServer(root, python, dir, logFile, port, process);
    server.postgres = postgres;
    server.launcher = pb;
    server.adminPassword = adminPassword;
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.awaitHealthy();
    } catch (RuntimeException e) {
      String tail = server.logTail(60);
      boolean portTaken = tail.toLowerCase(Locale.ROOT).contains("address already in use");
      server.stop(!portTaken);
      if (portTaken) {
        throw new PortTakenException("port " + port + " was taken:\n" + tail);
      }
      throw new IllegalStateException(
          e.getMessage() + "\n--- " + logFile + " (kept) ---\n" + tail, e);
    }
    server.startupTime = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info(
        "MLflow server {} (process group {}, store {}) answered after {} ms; log: {}",
        server.uri,
        process.pid(),
        postgres != null ? "PostgreSQL" : "SQLite",
        server.startupTime.toMillis(),
        logFile);
    return server;
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(uri + "/health")).timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the MLflow server exited with code " + process.exitValue() + " before answering");
      }
      try {
        HttpResponse<Void> r = http.send(health, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the MLflow server", e);
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "the MLflow server did not answer GET /health within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s");
  }

  /** The tracking URI, {@code http://127.0.0.1:<port>}. */
  public String uri() {
    return uri;
  }

  public int port() {
    return port;
  }

  /** The process id of the group leader, which is also the process group id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the server keeps its data in PostgreSQL ({@code -Dmlflowtables.store=postgres}). */
  public boolean onPostgres() {
    return postgres != null;
  }

  /** The server's temporary directory: {@code mlflow.db}, {@code artifacts/}, the log. */
  public Path directory() {
    return dir;
  }

  /** The server's stdout and stderr, including uvicorn's access log. */
  public Path logFile() {
    return logFile;
  }

  /** The python of the MLflow virtual environment (for tests that call MLflow's Python client). */
  public String python() {
    return python;
  }

  /** The directory holding {@code scripts/}. */
  public Path projectRoot() {
    return projectRoot;
  }

  /** From process start until {@code GET /health} answered. */
  public Duration startupTime() {
    return startupTime;
  }

  public boolean isRunning() {
    return !stopped && process.isAlive();
  }

  /**
   * The number of REST requests ({@code /api/...} and {@code /ajax-api/...}, any method and
   * status) the server has logged so far. uvicorn writes the access-log line before it sends the
   * response body, so a request whose response has been read is counted. {@code /health} and UI
   * requests are not counted.
   */
  public synchronized long requestCount() {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = f.length();
      if (length <= countedOffset) {
        return counted;
      }
      byte[] bytes = new byte[Math.toIntExact(length - countedOffset)];
      f.seek(countedOffset);
      f.readFully(bytes);
      int end = lastNewline(bytes);
      if (end < 0) {
        return counted;
      }
      String text = new String(bytes, 0, end + 1, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (API_ACCESS_LINE.matcher(line).find()) {
          counted++;
        }
      }
      countedOffset += end + 1;
      return counted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  private static int lastNewline(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The fixture data set ({@code scripts/fixture.py seed}) and its oracle. Seeded on the first
   * call, once per server, whichever thread asks first; later calls return the same instance.
   */
  public Fixture fixture() {
    Fixture f = fixture;
    if (f == null) {
      synchronized (fixtureLock) {
        f = fixture;
        if (f == null) {
          if (fixtureFailure != null) {
            // Seeding is not repeatable on the same server: report the first failure again.
            throw new IllegalStateException(
                "seeding the fixture on " + uri + " failed earlier", fixtureFailure);
          }
          try {
            f = Fixture.seed(this);
          } catch (RuntimeException | Error e) {
            fixtureFailure = e;
            throw e;
          }
          fixture = f;
        }
      }
    }
    return f;
  }

  /**
   * Runs the virtual environment's python with the given arguments in the server's directory,
   * with the server as {@code MLFLOW_TRACKING_URI}, and returns its stdout.
   *
   * @throws IllegalStateException when it exits with a non-zero code or runs out of time; the
   *     message holds its output
   */
  public String runPython(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(python);
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pythonEnvironment(pb.environment());
    pb.environment().put("MLFLOW_TRACKING_URI", uri);
    pb.environment().put("MLFLOW_REGISTRY_URI", uri);
    if (adminPassword != null) {
      pb.environment().put("MLFLOW_TRACKING_USERNAME", ADMIN_USER);
      pb.environment().put("MLFLOW_TRACKING_PASSWORD", adminPassword);
    }
    try {
      Path err = Files.createTempFile(dir, "python-", ".err");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String stdout = new String(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      Files.deleteIfExists(err);
      if (!done || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + (done ? " exited with code " + p.exitValue() : " timed out")
                + "\n--- stdout ---\n"
                + tail(stdout, 40)
                + "\n--- stderr ---\n"
                + tail(stderr, 60));
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** The last lines of the server log. */
  public String logTail(int lines) {
    try {
      return tail(Files.readString(logFile, StandardCharsets.UTF_8), lines);
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e + ")";
    }
  }

  /** Stops the server: SIGTERM to the process group, SIGKILL after a grace period. Idempotent. */
  public void stop() {
    stop(Boolean.getBoolean(KEEP_DIR_PROPERTY));
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void stop(boolean keepDir) {
    if (stopped) {
      return;
    }
    stopped = true;
    long t0 = System.nanoTime();
    killGroup(process, true);
    if (postgres != null) {
      postgres.stop();
    }
    LOG.info("MLflow server {} stopped in {} ms", uri, (System.nanoTime() - t0) / 1_000_000);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs (or ran) anyway
    }
    if (!keepDir) {
      deleteRecursively(dir);
    }
  }

  @Override
  public String toString() {
    return "MlflowServer[" + uri + ", pid " + pid() + (stopped ? ", stopped" : "") + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // a real restart

  /**
   * Kills the server's whole process group at once with SIGKILL (a crash: requests in flight are
   * cut) and waits until none of it is left. The store, the artifacts and the port are kept for
   * {@link #startAgain()}.
   */
  public synchronized void kill() {
    killGroup(process, false);
    LOG.info("MLflow server {} (process group {}) killed", uri, process.pid());
  }

  /**
   * Starts the server again after {@link #kill()}: the same command on the same port, store and
   * artifact root, in a new process group, its output appended to the same log; returns when it
   * answers {@code GET /health}.
   */
  public synchronized void startAgain() {
    if (stopped || process.isAlive()) {
      throw new IllegalStateException(this + " is stopped or still running: kill() it first");
    }
    try {
      process = launcher.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + this + " again", e);
    }
    awaitHealthy();
    LOG.info("MLflow server {} (process group {}) answers again", uri, process.pid());
  }

  // ---------------------------------------------------------------------------------------------
  // basic auth

  /**
   * Writes the basic-auth app's config (MLflow ships no admin password) into the server's
   * directory, adds the app to the command and returns the config's path.
   */
  private static Path basicAuth(Path dir, String adminPassword, List<String> command)
      throws IOException {
    Path ini = dir.resolve("basic_auth.ini");
    Files.writeString(ini, String.join("\n",
        "[mlflow]",
        "default_permission = NO_PERMISSIONS",
        "database_uri = sqlite:///" + dir.resolve("basic_auth.db"),
        "admin_username = " + ADMIN_USER,
        "admin_password = " + adminPassword,
        "authorization_function = mlflow.server.auth:authenticate_request_basic_auth",
        ""), StandardCharsets.UTF_8);
    command.addAll(List.of("--app-name", "basic-auth"));
    return ini;
  }

  // ---------------------------------------------------------------------------------------------
  // process groups

  /**
   * Kills the group whose leader is the given process and waits until none of it is left:
   * gracefully (SIGTERM, SIGKILL after a grace period) or at once (SIGKILL, a crash).
   */
  static void killGroup(Process leader, boolean graceful) {
    long pgid = leader.pid();
    if (graceful) {
      signalGroup("TERM", pgid);
    }
    if (!graceful || !awaitGroupGone(pgid, TERM_GRACE)) {
      signalGroup("KILL", pgid);
      awaitGroupGone(pgid, KILL_GRACE);
    }
    leader.destroyForcibly();
    try {
      leader.waitFor(5, TimeUnit.SECONDS);
      leader.getOutputStream().close();
    } catch (IOException e) {
      // nothing left to close
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void signalGroup(String signal, long pgid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // fall back to the members we can see
      for (long pid : groupMembers(pgid)) {
        ProcessHandle.of(pid)
            .ifPresent(h -> {
              if ("KILL".equals(signal)) {
                h.destroyForcibly();
              } else {
                h.destroy();
              }
            });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean awaitGroupGone(long pgid, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      if (groupMembers(pgid).isEmpty()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(100);
    }
  }

  /**
   * The live (not zombie) processes of a process group, read from {@code /proc/<pid>/stat}: the
   * fields after the command name in parentheses are state, ppid, pgrp.
   */
  static List<Long> groupMembers(long pgid) {
    List<Long> members = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                try {
                  String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
                  String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                  if (!"Z".equals(fields[0]) && !"X".equals(fields[0])
                      && Long.parseLong(fields[2]) == pgid) {
                    members.add(Long.parseLong(p.getFileName().toString()));
                  }
                } catch (IOException | RuntimeException e) {
                  // the process went away while we looked
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list /proc", e);
    }
    return members;
  }

  // ---------------------------------------------------------------------------------------------
  // environment

  /** Settings for every python this class starts: no telemetry, no background job runner. */
  static void pythonEnvironment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("DATABRICKS_"));
    env.put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
    env.put("MLFLOW_DISABLE_TELEMETRY", "true");
    env.put("DO_NOT_TRACK", "true");
    env.put("MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT", "true");
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONIOENCODING", "utf-8");
    env.put("PYTHONWARNINGS", "ignore");
    // The server is local: never send the client's requests through a proxy from the environment.
    env.put("NO_PROXY", "127.0.0.1,localhost");
    env.put("no_proxy", "127.0.0.1,localhost");
  }

  /** The directory holding {@code scripts/mlflow-venv.sh}. */
  static Path findProjectRoot() {
    String configured = System.getProperty(PROJECT_ROOT_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Paths.get(configured).toAbsolutePath().normalize();
      if (Files.isRegularFile(p.resolve("scripts/mlflow-venv.sh"))) {
        return p;
      }
    }
    for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        p != null;
        p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts/mlflow-venv.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find scripts/mlflow-venv.sh: set -D"
            + PROJECT_ROOT_PROPERTY
            + " or run from inside the project (user.dir="
            + System.getProperty("user.dir")
            + ")");
  }

  /** Runs {@code scripts/mlflow-venv.sh} once per JVM; its last stdout line is the python. */
  static String venvPython(Path root) {
    String p = cachedPython;
    if (p != null) {
      return p;
    }
    synchronized (MlflowServer.class) {
      if (cachedPython == null) {
        cachedPython = runVenvScript(root);
      }
      return cachedPython;
    }
  }

  private static String runVenvScript(Path root) {
    Path script = root.resolve("scripts/mlflow-venv.sh");
    try {
      Path err = Files.createTempFile("mlflow-venv-", ".log");
      Process p =
          new ProcessBuilder("bash", script.toString())
              .directory(root.toFile())
              .redirectError(err.toFile())
              .start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      // A first run installs MLflow with pip: give it time.
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            script + " failed:\n" + tail(Files.readString(err, StandardCharsets.UTF_8), 40));
      }
      Files.deleteIfExists(err);
      String[] lines = out.strip().split("\n");
      String python = lines[lines.length - 1].strip();
      if (!Files.isExecutable(Paths.get(python))
          || !Files.isExecutable(Paths.get(python).resolveSibling("mlflow"))) {
        throw new IllegalStateException(script + " printed " + python + ", not a venv python");
      }
      return python;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // small helpers

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines);
    return String.join("\n", Arrays.asList(all).subList(from, all.length));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temporary directory
    }
  }

  private static final class PortTakenException extends IOException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
