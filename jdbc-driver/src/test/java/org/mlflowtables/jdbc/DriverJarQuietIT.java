package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * The self-contained driver jar ({@code -all}) loaded by a fresh JVM with nothing else on its
 * classpath, as a SQL tool loads it: a query against the real server prints its rows and nothing
 * at all on stderr (the driver logs through java.util.logging, so SLF4J has its provider and
 * warns about nothing).
 */
@ExtendWith(MlflowServerExtension.class)
class DriverJarQuietIT {
  /** A JDBC program that knows nothing of the driver but its URL: java.sql only. */
  private static final String PROGRAM = String.join("\n",
      "import java.sql.*;",
      "public class Query {",
      "  public static void main(String[] args) throws Exception {",
      "    try (Connection c = DriverManager.getConnection(args[0]);",
      "        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(args[1])) {",
      "      while (rs.next()) {",
      "        System.out.println(rs.getString(1));",
      "      }",
      "    }",
      "  }",
      "}",
      "");

  @Test
  void aQueryInAFreshJvmPrintsItsRowsAndNothingOnStderr(MlflowServer server, Oracle oracle,
      @TempDir Path dir) throws Exception {
    Path driverJar = Paths.get(System.getProperty("mlflowtables.driverJar"));
    Path program = dir.resolve("Query.java");
    Files.writeString(program, PROGRAM, StandardCharsets.UTF_8);
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", driverJar.toString(), program.toString(),
        "jdbc:mlflow:" + server.uri(),
        "SELECT name FROM experiments WHERE name LIKE 'fx-%' ORDER BY name")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the program did not finish");
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    List<String> expected = oracle.experiments().stream()
        .filter(e -> "active".equals(e.lifecycleStage()))
        .map(Oracle.Experiment::name).filter(n -> n.startsWith("fx-")).sorted().toList();
    assertFalse(expected.isEmpty());
    assertEquals(0, p.exitValue(), stderr);
    assertEquals(expected, Files.readAllLines(out, StandardCharsets.UTF_8), stderr);
    assertEquals("", stderr, "the driver wrote to stderr");
  }
}
