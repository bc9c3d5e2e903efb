package org.mlflowtables.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * The self-contained driver jar ({@code mlflow-tables-jdbc-*-all.jar}, built in {@code package})
 * used from sqlline in a separate JVM whose classpath is that jar and sqlline, nothing else.
 * Runs in {@code integration-test} (failsafe).
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowSqllineIT {
  private static Path driverJar;
  private static Path sqllineJar;
  private static MlflowServer server;
  private static Oracle oracle;

  @BeforeAll
  static void setUp(MlflowServer s, Oracle o) {
    driverJar = Paths.get(System.getProperty("mlflowtables.driverJar"));
    sqllineJar = Paths.get(System.getProperty("mlflowtables.sqllineJar"));
    assertTrue(Files.isRegularFile(driverJar), "missing " + driverJar);
    assertTrue(Files.isRegularFile(sqllineJar), "missing " + sqllineJar);
    server = s;
    oracle = o;
  }

  /** Runs sqlline on a script and returns what it printed. */
  private static String sqlline(Path dir, String... commands) throws IOException,
      InterruptedException {
    Path script = dir.resolve("script.sql");
    Files.write(script, List.of(commands), StandardCharsets.UTF_8);
    Path out = dir.resolve("out.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(driverJar + File.pathSeparator + sqllineJar);
    cmd.add("sqlline.SqlLine");
    cmd.add("-u");
    cmd.add("jdbc:mlflow:" + server.uri());
    cmd.add("-n");
    cmd.add("");
    cmd.add("-p");
    cmd.add("");
    cmd.add("--outputformat=csv");
    cmd.add("--run=" + script);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sqlline did not finish:\n" + Files.readString(out));
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  @Test
  void tablesListsEveryTable(@TempDir Path dir) throws Exception {
    String out = sqlline(dir, "!tables", "!quit");
    for (String t : List.of("experiments", "runs", "latest_metrics", "params", "tags",
        "metrics", "registered_models", "model_versions", "logged_models",
        "logged_model_metrics", "run_inputs")) {
      assertTrue(out.contains("'mlflow','" + t + "','TABLE'"), t + " in\n" + out);
    }
  }

  @Test
  void columnsOfRunsWithTheirTypes(@TempDir Path dir) throws Exception {
    String out = sqlline(dir, "!columns runs", "!quit");
    assertTrue(out.contains("'mlflow','runs','run_id','12','VARCHAR"), out);
    assertTrue(out.contains("'mlflow','runs','start_time','93','TIMESTAMP(3)"), out);
    assertTrue(out.contains("'mlflow','runs','metrics','1111','(VARCHAR NOT NULL, DOUBLE) MAP"),
        out);
  }

  @Test
  void queryPrintsTheRows(@TempDir Path dir) throws Exception {
    String out = sqlline(dir, "SELECT run_name, status FROM runs "
        + "WHERE run_name LIKE 'fx-gamma%' ORDER BY run_name;", "!quit");
    List<String> expected = oracle.runsOf("fx-gamma").stream()
        .filter(r -> !r.deleted())
        .sorted(Comparator.comparing(Oracle.Run::runName))
        .map(r -> "'" + r.runName() + "','" + r.status() + "'")
        .collect(Collectors.toList());
    assertFalse(expected.isEmpty());
    String block = "'run_name','status'\n" + String.join("\n", expected) + "\n";
    assertTrue(out.replace("\r", "").contains(block), "expected\n" + block + "in\n" + out);
    assertTrue(out.contains(expected.size() + " rows selected"), out);
  }

  @Test
  void jarRelocatesJacksonOkHttpOkioKotlinAndSlf4j() throws IOException {
    try (JarFile jar = new JarFile(driverJar.toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toList());
      for (String pkg : List.of("com/fasterxml/jackson/", "okhttp3/", "okio/", "kotlin/",
          "org/slf4j/")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(pkg)), pkg + " not relocated");
        assertTrue(names.stream().anyMatch(n -> n.startsWith("org/mlflowtables/jdbc/shaded/" + pkg)),
            pkg + " missing");
      }
      assertTrue(names.stream().noneMatch(n -> n.endsWith("module-info.class")));
      assertTrue(names.stream().noneMatch(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA)")));
      String services = new String(jar.getInputStream(jar.getEntry(
          "META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(services.contains("org.mlflowtables.jdbc.MlflowDriver"), services);
    }
  }
}
