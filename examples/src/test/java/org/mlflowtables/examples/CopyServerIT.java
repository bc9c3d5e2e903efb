package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * CopyServer between two real servers: experiments, runs and every metric point (NaN, +/-Inf, an
 * odd key) read from the target equal the source's, except for the ids MLflow assigns, as MLflow's
 * Python client reads them; a re-run changes nothing.
 */
@ExtendWith(MlflowServerExtension.class)
class CopyServerIT {

  @Test
  void theTargetEndsEqualToTheSourceAndARerunChangesNothing(MlflowServer source) {
    String p = "copy-" + System.nanoTime() + "-";
    MlflowClient c = ExampleTesting.client(source);
    String exp = c.createExperiment(p + "a", null, Map.of("team", "cv"));
    c.createExperiment(p + "b", null, Map.of()); // not matched by the pattern
    for (int r = 0; r < 2; r++) {
      String run = c.createRun(exp, "run-" + r, 1_600_000_000_000L + r, Map.of("k", "v" + r))
          .info().runId();
      List<Metric> points = new java.util.ArrayList<>();
      for (int i = 0; i < 300; i++) {
        double v = i == 7 ? Double.NaN : i == 8 ? Double.POSITIVE_INFINITY
            : i == 9 ? Double.NEGATIVE_INFINITY : i / 3.0;
        points.add(Metric.of(i % 2 == 0 ? "loss" : "val/acc 1", v, 1_600_000_000_000L + i,
            i / 2));
      }
      c.logBatch(new LogBatchRequest(run, points, List.of(new org.mlflowtables.core.client.model
          .KeyValue("lr", "0." + r)), List.of()));
      c.updateRun(run, r == 0 ? "FINISHED" : "FAILED", 1_600_000_900_000L, null);
    }

    try (MlflowServer target = MlflowServer.start()) {
      CopyServer.Result first = CopyServer.run(ExampleTesting.spark(), source.uri(),
          target.uri(), p + "a%", new Captured().out);
      assertEquals(new CopyServer.Result(1, 2, 600), first);
      Oracle from = Fixture.dump(source, p);
      Oracle to = Fixture.dump(target, p);
      assertEquals(Set.of(p + "a"), to.experiments().stream().map(Oracle.Experiment::name)
          .collect(Collectors.toSet()));
      assertEquals(from.experiment(p + "a").tags(), to.experiment(p + "a").tags());
      assertEquals(comparable(from), comparable(to));

      assertEquals(first, CopyServer.run(ExampleTesting.spark(), source.uri(), target.uri(),
          p + "a%", new Captured().out));
      Oracle again = Fixture.dump(target, p);
      assertEquals(to.experiments(), again.experiments());
      assertEquals(to.runs(), again.runs());
      assertEquals(to.metricHistory().size(), again.metricHistory().size());
    }
  }

  /** Runs by name without what MLflow assigns, and their histories, as text. */
  private static Set<String> comparable(Oracle o) {
    Map<String, String> names = new HashMap<>();
    o.runs().forEach(r -> names.put(r.runId(), r.runName()));
    Set<String> out = o.runs().stream().map(r -> {
      Map<String, String> tags = new HashMap<>(r.tags());
      tags.remove("mlflowtables.source_run_id");
      return r.runName() + "|" + r.status() + "|" + r.startTime() + "|" + r.endTime() + "|"
          + r.params() + "|" + new java.util.TreeMap<>(tags) + "|"
          + new java.util.TreeMap<>(r.metrics());
    }).collect(Collectors.toSet());
    o.metricHistory().forEach(m -> out.add(names.get(m.runId()) + "|" + m.key() + "|"
        + m.timestamp() + "|" + m.step() + "|" + m.value()));
    return out;
  }
}
