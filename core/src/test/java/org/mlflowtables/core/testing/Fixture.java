package org.mlflowtables.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixture data set of {@code scripts/fixture.py} on one {@link MlflowServer}, and its oracle:
 * what MLflow's own Python client returned right after seeding.
 *
 * <p>Everything the fixture creates is named with {@link #PREFIX} (experiments, runs, logged
 * models, registered models). Tests that write create their own experiments with another prefix
 * and compare the server with {@link #dumpNow(String)} afterwards. Get it from {@link
 * MlflowServer#fixture()}, which seeds once per server.
 */
public final class Fixture {

  /** The name prefix of the fixture's experiments, runs, logged and registered models. */
  public static final String PREFIX = "fx-";

  private static final Logger LOG = LoggerFactory.getLogger(Fixture.class);

  private static final Duration PYTHON_TIMEOUT = Duration.ofMinutes(10);

  private final MlflowServer server;
  private final Oracle oracle;
  private final Duration seedTime;
  private final Path dumpFile;

  private Fixture(MlflowServer server, Oracle oracle, Duration seedTime, Path dumpFile) {
    this.server = server;
    this.oracle = oracle;
    this.seedTime = seedTime;
    this.dumpFile = dumpFile;
  }

  /** Seeds the server and dumps the oracle. Called once per server by {@link MlflowServer}. */
  static Fixture seed(MlflowServer server) {
    long t0 = System.nanoTime();
    server.runPython(PYTHON_TIMEOUT, script(server), "seed", "--uri", server.uri());
    Duration seedTime = Duration.ofNanos(System.nanoTime() - t0);
    Path out = server.directory().resolve("fixture-dump.json");
    long t1 = System.nanoTime();
    runDump(server, PREFIX, out);
    Oracle oracle = Oracle.load(out);
    LOG.info(
        "fixture seeded on {} in {} ms, oracle dumped in {} ms: {}",
        server.uri(),
        seedTime.toMillis(),
        (System.nanoTime() - t1) / 1_000_000,
        oracle);
    return new Fixture(server, oracle, seedTime, out);
  }

  /** The state right after seeding, limited to the fixture ({@link #PREFIX}). */
  public Oracle oracle() {
    return oracle;
  }

  /**
   * Asks the Python client again now, for every experiment and registered model on the server
   * (including the ones other tests created). Prefer {@link #dumpNow(String)}: it fetches the
   * history of every metric of every run in scope.
   */
  public Oracle dumpNow() {
    return dumpNow("");
  }

  /**
   * Asks the Python client again now, for the experiments (with their runs and logged models)
   * and the registered models whose names start with {@code prefix}; {@code ""} means all.
   */
  public Oracle dumpNow(String prefix) {
    return dump(server, prefix);
  }

  /**
   * What the Python client returns now for the experiments and registered models whose names
   * start with {@code prefix}, on any server (seeded or not).
   */
  public static Oracle dump(MlflowServer server, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    Path out;
    try {
      out = Files.createTempFile(server.directory(), "dump-", ".json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a dump file in " + server.directory(), e);
    }
    try {
      runDump(server, prefix, out);
      return Oracle.load(out);
    } finally {
      try {
        Files.deleteIfExists(out);
      } catch (IOException e) {
        // a temporary file in the server's directory, removed with it
      }
    }
  }

  public MlflowServer server() {
    return server;
  }

  /** How long {@code fixture.py seed} took. */
  public Duration seedTime() {
    return seedTime;
  }

  /** The JSON the oracle was read from (kept for as long as the server's directory). */
  public Path dumpFile() {
    return dumpFile;
  }

  private static void runDump(MlflowServer server, String prefix, Path out) {
    server.runPython(
        PYTHON_TIMEOUT,
        script(server),
        "dump",
        "--uri",
        server.uri(),
        "--out",
        out.toString(),
        "--prefix",
        prefix);
  }

  private static String script(MlflowServer server) {
    Path script = server.projectRoot().resolve("scripts/fixture.py");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("missing " + script);
    }
    return script.toString();
  }

  @Override
  public String toString() {
    return "Fixture[" + server.uri() + ", " + PREFIX + "*]";
  }
}
