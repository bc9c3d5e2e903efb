package org.mlflowtables.core.predicate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs a Python script of the test resources with the MLflow virtual environment of
 * {@code scripts/mlflow-venv.sh} (installed on first use), feeding it stdin and returning stdout.
 */
final class MlflowPython {
  private static String python;

  private MlflowPython() {}

  static String run(String resource, String stdin) {
    Path script = extract(resource);
    try {
      ProcessBuilder pb = new ProcessBuilder(python(), script.toString());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("DATABRICKS_"));
      env.put("MLFLOW_DISABLE_TELEMETRY", "true");
      env.put("DO_NOT_TRACK", "true");
      env.put("PYTHONIOENCODING", "utf-8");
      env.put("PYTHONWARNINGS", "ignore");
      Path err = Files.createTempFile("parse-filters-", ".err");
      pb.redirectError(err.toFile());
      Process p = pb.start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out;
      try (InputStream o = p.getInputStream()) {
        out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(resource + " failed: " + Files.readString(err));
      }
      Files.deleteIfExists(err);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path extract(String resource) {
    try (InputStream in = MlflowPython.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      Path f = Files.createTempFile("mlflowtables-", ".py");
      Files.write(f, in.readAllBytes());
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The venv's python: -Dmlflowtables.python, else what scripts/mlflow-venv.sh prints. */
  static synchronized String python() {
    if (python != null) {
      return python;
    }
    String configured = System.getProperty("mlflowtables.python", System.getenv("MLFLOW_TABLES_PYTHON"));
    if (configured != null && !configured.isBlank()) {
      return python = configured;
    }
    Path script = projectRoot().resolve("scripts/mlflow-venv.sh");
    try {
      Path err = Files.createTempFile("mlflow-venv-", ".log");
      Process p = new ProcessBuilder("bash", script.toString()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      String out;
      try (InputStream o = p.getInputStream()) {
        out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException(script + " failed: " + Files.readString(err));
      }
      Files.deleteIfExists(err);
      List<String> lines = out.strip().lines().toList();
      return python = lines.get(lines.size() - 1).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path projectRoot() {
    String configured = System.getProperty("mlflowtables.projectRoot");
    if (configured != null && Files.isRegularFile(Paths.get(configured, "scripts/mlflow-venv.sh"))) {
      return Paths.get(configured);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("scripts/mlflow-venv.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find scripts/mlflow-venv.sh above " + Paths.get("")
        .toAbsolutePath());
  }
}
