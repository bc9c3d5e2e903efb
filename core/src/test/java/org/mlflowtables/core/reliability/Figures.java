package org.mlflowtables.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures a reliability test produced (faults injected per kind, rows compared, bad inputs
 * tried, points lost and duplicated...), written as JSON to {@code <build dir>/reliability/<test
 * class>.json} of the module that ran the test, where {@code docs/reliability_report.py} folds
 * them into {@code docs/reliability.md}. Each figure is keyed by test method and name, and summed
 * when recorded twice.
 */
public final class Figures {
  private static final Map<String, Map<String, Map<String, Long>>> BY_CLASS = new TreeMap<>();

  private Figures() {}

  /** Adds {@code value} to figure {@code name} of test {@code test} of class {@code testClass}. */
  public static synchronized void add(Class<?> testClass, String test, String name, long value) {
    Map<String, Map<String, Long>> tests =
        BY_CLASS.computeIfAbsent(testClass.getName(), k -> new TreeMap<>());
    tests.computeIfAbsent(test, k -> new TreeMap<>()).merge(name, value, Long::sum);
    write(testClass, tests);
  }

  /** Adds every fault count of a proxy as figures {@code fault.<KIND>}. */
  public static void addFaults(Class<?> testClass, String test, FaultProxy proxy) {
    proxy.injected().forEach((k, v) -> {
      if (v > 0) {
        add(testClass, test, "fault." + k.name(), v);
      }
    });
  }

  /**
   * The figures of one read compared with the oracle through a fault proxy, as the fault tests of
   * core, Spark and JDBC report it: every fault count, {@code rowsCompared} and the {@code
   * requests} the proxy saw.
   */
  public static void addReadUnderFaults(Class<?> testClass, String test, FaultProxy proxy,
      long rowsCompared) {
    addFaults(testClass, test, proxy);
    add(testClass, test, "rowsCompared", rowsCompared);
    add(testClass, test, "requests", proxy.requests());
  }

  private static void write(Class<?> testClass, Map<String, Map<String, Long>> tests) {
    Path dir = buildDir(testClass).resolve("reliability");
    StringBuilder json = new StringBuilder("{\n  \"class\": \"").append(testClass.getName())
        .append("\",\n  \"tests\": {");
    String sep = "\n";
    for (Map.Entry<String, Map<String, Long>> t : tests.entrySet()) {
      json.append(sep).append("    \"").append(t.getKey()).append("\": {");
      String sep2 = "";
      for (Map.Entry<String, Long> f : t.getValue().entrySet()) {
        json.append(sep2).append('"').append(f.getKey()).append("\": ").append(f.getValue());
        sep2 = ", ";
      }
      json.append('}');
      sep = ",\n";
    }
    json.append("\n  }\n}\n");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(testClass.getSimpleName() + ".json"), json.toString(),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the figures of " + testClass.getName(), e);
    }
  }

  /** The module's build directory: the parent of the test class's {@code test-classes}. */
  static Path buildDir(Class<?> testClass) {
    try {
      Path classes = Paths.get(testClass.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(classes) ? classes.getParent() : Paths.get("target");
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get("target");
    }
  }
}
