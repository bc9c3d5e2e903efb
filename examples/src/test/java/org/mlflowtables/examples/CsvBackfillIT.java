package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * CsvBackfill: a CSV of metric points lands exactly (epoch and ISO times, a NaN, a missing step, a
 * row given twice), and running it again adds nothing. A bad row fails naming run and key.
 */
@ExtendWith(MlflowServerExtension.class)
class CsvBackfillIT {
  private static final long T0 = 1_714_000_000_000L;

  private static MlflowServer server;
  private static List<String> runIds;

  @BeforeAll
  static void runs(MlflowServer s) {
    server = s;
    MlflowClient client = ExampleTesting.client(server);
    String experiment = client.createExperiment("csv-" + UUID.randomUUID(), null, Map.of());
    runIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runIds.add(client.createRun(experiment, "csv-run-" + i, T0, Map.of()).info().runId());
    }
  }

  @Test
  void loadsEveryPointOnceAndARerunAddsNothing(@TempDir Path dir) throws IOException {
    // [run, key, value, timestamp, step] as MLflow should keep them.
    Set<List<Object>> expected = new HashSet<>();
    StringBuilder csv = new StringBuilder("run_id,key,value,timestamp,step\n");
    for (String run : runIds) {
      for (String key : List.of("val_loss", "val_acc")) {
        for (int step = 0; step < 20; step++) {
          long ts = T0 + step * 1_000L;
          double value = key.equals("val_loss") ? 1.0 / (step + 1) : step / 20.0;
          // Every other time as ISO-8601, the rest as epoch milliseconds.
          String time = step % 2 == 0 ? Long.toString(ts) : Instant.ofEpochMilli(ts).toString();
          csv.append(run).append(',').append(key).append(',').append(value).append(',')
              .append(time).append(',').append(step).append('\n');
          expected.add(List.of(run, key, value, ts, (long) step));
        }
      }
    }
    String run0 = runIds.get(0);
    csv.append(run0).append(",val_loss,0.5,").append(T0).append(",0\n"); // a second value at step 0
    expected.add(List.of(run0, "val_loss", 0.5, T0, 0L));
    csv.append(run0).append(",grad_norm,NaN,").append(T0).append(",\n"); // NaN, no step: 0
    expected.add(List.of(run0, "grad_norm", Double.NaN, T0, 0L));
    csv.append(run0).append(",val_acc,0.0,").append(T0).append(",0\n"); // given twice
    long rows = 3 * 2 * 20 + 3;
    Path file = dir.resolve("points.csv");
    Files.writeString(file, csv);

    Captured first = new Captured();
    CsvBackfill.Result r1 = CsvBackfill.run(ExampleTesting.spark(), server.uri(), file.toString(),
        first.out);
    assertEquals(new CsvBackfill.Result(rows, 0, rows - 1), r1);
    assertTrue(first.text().contains(rows + " rows for 3 runs and 3 keys [grad_norm, val_acc,"
        + " val_loss]"), first.text());
    assertTrue(first.text().contains(": 0 before, " + (rows - 1) + " after: " + (rows - 1)
        + " added."), first.text());
    assertEquals(expected, onServer());

    Captured second = new Captured();
    CsvBackfill.Result r2 = CsvBackfill.run(ExampleTesting.spark(), server.uri(),
        file.toString(), second.out);
    assertEquals(new CsvBackfill.Result(rows, rows - 1, rows - 1), r2);
    assertTrue(second.text().contains(": " + (rows - 1) + " before, " + (rows - 1) + " after: 0"
        + " added."), second.text());
    assertEquals(expected, onServer());
  }

  @Test
  void aBadRowFailsNamingRunAndKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "run_id,key,value,timestamp\n" + runIds.get(1) + ",bad*key,1.0,"
        + T0 + "\n");
    Exception e = assertThrows(Exception.class, () -> CsvBackfill.run(ExampleTesting.spark(),
        server.uri(), file.toString(), new Captured().out));
    String messages = messages(e);
    assertTrue(messages.contains(runIds.get(1)) && messages.contains("bad*key"), messages);
    assertEquals(Set.of(), new HashSet<>(ExampleTesting.points(server, runIds, "bad*key")));
  }

  @Test
  void aMissingColumnIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("no-time.csv");
    Files.writeString(file, "run_id,key,value\n" + runIds.get(2) + ",loss,1.0\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CsvBackfill.run(ExampleTesting.spark(), server.uri(), file.toString(),
            new Captured().out));
    assertTrue(e.getMessage().contains("has no column timestamp"), e.getMessage());
  }

  /** Every point of the test's runs, read with core's scan, as [run, key, value, ts, step]. */
  private static Set<List<Object>> onServer() {
    Set<List<Object>> points = new HashSet<>();
    for (String key : List.of("val_loss", "val_acc", "grad_norm")) {
      for (List<Object> p : ExampleTesting.points(server, runIds, key)) {
        points.add(List.of(p.get(0), key, p.get(1), p.get(2), p.get(3)));
      }
    }
    return points;
  }

  private static String messages(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append('\n');
    }
    return b.toString();
  }
}
