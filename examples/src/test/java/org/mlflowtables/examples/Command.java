package org.mlflowtables.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program the tests run in a process of its own, and what it printed. */
final class Command {
  private final List<String> command = new ArrayList<>();
  private final ProcessBuilder pb;
  private String stdin = "";

  private Command(List<String> command) {
    this.command.addAll(command);
    this.pb = new ProcessBuilder(this.command).directory(projectRoot().toFile());
    // Nothing of the caller's MLflow settings: every test names its server.
    pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("DATABRICKS_"));
    pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
    pb.environment().put("no_proxy", "127.0.0.1,localhost");
  }

  static Command of(String... command) {
    return new Command(List.of(command));
  }

  static Command of(List<String> command) {
    return new Command(command);
  }

  /** A java command with this JVM's java and the given classpath. */
  static Command java(String classpath, String mainClass, String... args) {
    List<String> c = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.timezone=UTC", "-cp", classpath, mainClass));
    c.addAll(List.of(args));
    return new Command(c);
  }

  Command env(String name, String value) {
    pb.environment().put(name, value);
    return this;
  }

  Command stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** The directory holding scripts/, bin/ and the modules. */
  static Path projectRoot() {
    String root = System.getProperty("mlflowtables.projectRoot");
    Path p = root == null || root.isBlank() ? Paths.get("..") : Paths.get(root);
    return p.toAbsolutePath().normalize();
  }

  /** A file the build hands over as a system property; it must exist. */
  static Path builtFile(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException("system property " + property + " is not set: run the"
          + " test through Maven (failsafe), which sets it to the built file");
    }
    Path p = Paths.get(value);
    if (!Files.exists(p)) {
      throw new IllegalStateException(property + " = " + p + " does not exist: package the"
          + " module first (mvn package or install)");
    }
    return p;
  }

  /** The result of a finished program. */
  record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for assertion messages. */
    String describe() {
      return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n"
          + tail(stderr, 80);
    }

    private static String tail(String s, int lines) {
      String[] all = s.split("\n", -1);
      int from = Math.max(0, all.length - lines);
      return String.join("\n", List.of(all).subList(from, all.length));
    }
  }

  /** Runs it to the end (killing it after the timeout). */
  Result run(Duration timeout) {
    try {
      Path out = Files.createTempFile("mlflow-tables-cmd-", ".out");
      Path err = Files.createTempFile("mlflow-tables-cmd-", ".err");
      try {
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // the program did not read its input: fine
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
          p.waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(String.join(" ", command) + " did not finish within "
              + timeout.toSeconds() + " s\n" + new Result(-1, read(out), read(err)).describe());
        }
        return new Result(p.exitValue(), read(out), read(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Runs it and fails the test unless it exits with 0. */
  Result runOk(Duration timeout) {
    Result r = run(timeout);
    if (r.exitCode() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + r.describe());
    }
    return r;
  }

  private static String read(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  Map<String, String> environment() {
    return pb.environment();
  }
}
