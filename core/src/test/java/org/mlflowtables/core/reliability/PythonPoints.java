package org.mlflowtables.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.testing.MlflowServer;

/**
 * Reads metric points back with MLflow's own Python client (get_metric_history), independently of
 * mlflow-tables, to count what a back-fill left on the server: a multiset of
 * {@code run \t key \t timestamp \t step \t value} lines.
 */
public final class PythonPoints {
  private static final String SCRIPT = String.join("\n",
      "import sys, json, warnings",
      "warnings.filterwarnings('ignore')",
      "from mlflow import MlflowClient",
      "spec = json.load(open(sys.argv[1]))",
      "c = MlflowClient()",
      "with open(sys.argv[2], 'w', encoding='utf-8') as out:",
      "    for run_id in spec['runs']:",
      "        for key in spec['keys']:",
      "            for m in c.get_metric_history(run_id, key):",
      "                out.write('%s\\t%s\\t%d\\t%d\\t%r\\n' % (run_id, key, m.timestamp, m.step,"
          + " float(m.value)))",
      "");

  private PythonPoints() {}

  /** The points of these runs and keys, line → how many times the server returned it. */
  public static Map<String, Integer> read(MlflowServer server, List<String> runs,
      List<String> keys) {
    try {
      Path dir = Files.createTempDirectory(server.directory(), "points-");
      Path script = dir.resolve("points.py");
      Path spec = dir.resolve("spec.json");
      Path out = dir.resolve("points.tsv");
      Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
      Files.writeString(spec, "{\"runs\": " + json(runs) + ", \"keys\": " + json(keys) + "}",
          StandardCharsets.UTF_8);
      server.runPython(Duration.ofMinutes(5), script.toString(), spec.toString(), out.toString());
      Map<String, Integer> points = new HashMap<>();
      try (var lines = Files.lines(out, StandardCharsets.UTF_8)) {
        lines.forEach(l -> points.merge(l, 1, Integer::sum));
      }
      return points;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The line {@link #read} gives for a point (Python's repr of the float). */
  public static String line(String run, String key, long timestamp, long step, double value) {
    return run + "\t" + key + "\t" + timestamp + "\t" + step + "\t" + pyRepr(value);
  }

  /** Python's repr of a float, for the values tests write (finite, short). */
  static String pyRepr(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e16) {
      return ((long) v) + ".0";
    }
    String s = Double.toString(v);
    if (s.contains("E")) {
      throw new IllegalArgumentException("use values without exponent in tests: " + v);
    }
    return s;
  }

  private static String json(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('"')
          .append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return sb.append(']').toString();
  }
}
