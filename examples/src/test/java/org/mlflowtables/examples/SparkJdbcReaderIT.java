package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/**
 * Spark's own JDBC reader ({@code spark.read.jdbc}) reads MLflow tables through the driver's
 * self-contained jar, given to stock spark-submit with --jars as users do: long tables, and whole
 * tables with MAP and ARRAY columns, which the driver's Spark dialect reads as JSON text and
 * string arrays.
 */
@ExtendWith(MlflowServerExtension.class)
class SparkJdbcReaderIT {
  private static Oracle oracle;
  private static Set<String> fixtureRuns;
  private static Command.Result result;

  @BeforeAll
  static void readThroughSpark(MlflowServer server) {
    oracle = server.fixture().oracle();
    fixtureRuns = new HashSet<>();
    oracle.runs().forEach(run -> fixtureRuns.add(run.runId()));
    Path script = Paths.get(
        SparkJdbcReaderIT.class.getResource("/spark_jdbc_reader.py").getPath());
    result = PySparkLine.SPARK_4.submit(Command.builtFile("mlflowtables.driverJar"),
            script.toString(), server.uri())
        .runOk(Duration.ofMinutes(5));
  }

  /** The printed lines that start with the tag, tag removed, for the fixture's runs only. */
  private static Set<String> lines(String tag) {
    Set<String> out = new TreeSet<>();
    for (String line : result.stdout().split("\n")) {
      if (line.startsWith(tag + " ")) {
        String rest = line.substring(tag.length() + 1);
        if (!tag.equals("MV") && !fixtureRuns.contains(rest.substring(0, 32))) {
          continue;
        }
        out.add(rest);
      }
    }
    return out;
  }

  @Test
  void longTableReadsWithItsFilter() {
    Set<String> expected = new TreeSet<>();
    oracle.params().stream().filter(e -> e.key().equals("optimizer"))
        .filter(e -> !oracle.runById(e.runId()).deleted())
        .forEach(e -> expected.add(e.runId() + "=" + e.value()));
    assertEquals(expected, lines("PARAM"), result.describe());
  }

  @Test
  void runsTableReadsWholeWithMapColumnsAsJsonText() {
    assertTrue(result.stdout().contains("SCHEMA runs struct<run_id:string,"), result.describe());
    assertTrue(result.stdout().contains(",metrics:string,params:string,tags:string>"),
        result.describe());
    Set<String> expected = new TreeSet<>();
    oracle.runs().stream().filter(run -> !run.deleted())
        .forEach(run -> expected.add(run.runId() + "/" + run.status()));
    assertEquals(expected, lines("RUN"), result.describe());
  }

  @Test
  void metricMapsParsedFromJsonEqualTheOracleIncludingNaN() {
    TreeMap<String, Double> expected = new TreeMap<>();
    oracle.runs().stream().filter(run -> !run.deleted()).forEach(run ->
        run.metrics().forEach((k, v) -> expected.put(run.runId() + " " + k, v)));
    TreeMap<String, Double> actual = new TreeMap<>();
    for (String line : lines("METRIC")) {
      int eq = line.lastIndexOf('=');
      actual.put(line.substring(0, eq), Double.parseDouble(line.substring(eq + 1)));
    }
    assertTrue(expected.containsValue(Double.NaN), "the fixture has a NaN metric");
    assertEquals(expected, actual, result.describe());
  }

  @Test
  void arrayColumnReadsAsStringArray() {
    assertTrue(result.stdout().contains("aliases:array<string>"), result.describe());
    Set<String> expected = new TreeSet<>();
    oracle.modelVersions().forEach(v -> {
      List<String> aliases = new ArrayList<>(v.aliases());
      aliases.sort(null);
      expected.add(v.name() + "/" + v.version() + ":" + String.join(",", aliases));
    });
    assertTrue(expected.stream().anyMatch(v -> !v.endsWith(":")), "the fixture has aliases");
    Set<String> actual = new TreeSet<>();
    String prefix = oracle.prefix();
    lines("MV").stream().filter(l -> l.startsWith(prefix)).forEach(actual::add);
    assertEquals(expected, actual, result.describe());
  }
}
