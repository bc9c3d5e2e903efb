package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * bin/mlflow-sql, fed on stdin as a user would type: !tables lists MLflow's tables and a query
 * answers, with the URI given as the argument or in MLFLOW_TRACKING_URI. The build's driver and
 * sqlline jars are handed over, so the script builds and fetches nothing.
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowSqlShellIT {

  private static Command shell(String... args) {
    String[] command = new String[args.length + 2];
    command[0] = "bash";
    command[1] = Command.projectRoot().resolve("bin/mlflow-sql").toString();
    System.arraycopy(args, 0, command, 2, args.length);
    return Command.of(command)
        .env("MLFLOW_TABLES_JDBC_JAR", Command.builtFile("mlflowtables.driverJar").toString())
        .env("SQLLINE_JAR", Command.builtFile("mlflowtables.sqllineJar").toString());
  }

  @Test
  void listsTablesAndAnswersAQuery(MlflowServer server) {
    String name = "shell-" + UUID.randomUUID();
    ExampleTesting.client(server).createExperiment(name, null, Map.of("team", "sql"));
    String input = "!tables\n"
        + "SELECT name, tags['team'] AS team FROM experiments WHERE name = '" + name + "';\n"
        + "!quit\n";

    Command.Result byArgument = shell(server.uri()).stdin(input).runOk(Duration.ofMinutes(3));
    assertAnswered(byArgument, name);

    Command.Result byEnvironment = shell().env("MLFLOW_TRACKING_URI", server.uri()).stdin(input)
        .runOk(Duration.ofMinutes(3));
    assertAnswered(byEnvironment, name);
  }

  @Test
  void pipedInputGetsNoTerminalOrLoggingWarning(MlflowServer server) {
    Command.Result r = shell(server.uri())
        .stdin("SELECT COUNT(*) AS n FROM experiments WHERE name = 'no such';\n!quit\n")
        .runOk(Duration.ofMinutes(3));
    assertTrue(r.stdout().contains("| 0 |") || r.stdout().contains("| 0  |"), r.describe());
    // sqlline writes its banner and progress on stderr ("sqlline version 1.12.0", "1 row selected
    // (0.5 seconds)", "Closing: ..."); nothing else may be there: no JLine dumb-terminal warning,
    // no SLF4J warning.
    List<String> other = r.stderr().lines()
        .filter(l -> !l.isBlank() && !l.matches("\\d+ rows? selected .*"))
        .filter(l -> !l.startsWith("Closing: ") && !l.startsWith("sqlline version ")).toList();
    assertEquals(List.of(), other, r.describe());
  }

  @Test
  void withoutAUriItSaysHowToGiveOne() {
    Command.Result r = shell().stdin("!quit\n").run(Duration.ofMinutes(1));
    assertEquals(2, r.exitCode(), r.describe());
    assertTrue(r.stderr().contains("usage: bin/mlflow-sql [TRACKING_URI]"), r.describe());
  }

  private static void assertAnswered(Command.Result r, String experiment) {
    String out = r.stdout();
    for (String table : Tables.names()) {
      assertTrue(Pattern.compile("\\| mlflow +\\| " + table + " +\\| TABLE ").matcher(out).find(),
          table + " not listed:\n" + r.describe());
    }
    assertTrue(Pattern.compile("\\| " + Pattern.quote(experiment) + " +\\| sql +\\|")
        .matcher(out).find(), r.describe());
    assertTrue(out.contains("1 row selected") || r.stderr().contains("1 row selected"),
        r.describe());
  }
}
