package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Dataset;
import org.mlflowtables.core.client.model.DatasetInput;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.reliability.FaultProxy;
import org.mlflowtables.core.reliability.FaultProxy.Fault;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * CopyServer between two real servers: experiments, runs, every metric point (NaN, +/-Inf, an
 * odd key) and the runs' dataset inputs read from the target equal the source's, except for the ids MLflow assigns, as MLflow's
 * Python client reads them; a re-run sends no write to the target (counted by {@link FaultProxy}
 * in front of it); a copy cut off halfway and run again ends exact.
 */
@ExtendWith(MlflowServerExtension.class)
class CopyServerIT {
  private static final String API = "/api/2.0/mlflow/";
  /** What a copy may send to change the target; a re-run sends none of them. */
  private static final List<String> WRITES = List.of("runs/log-batch", "runs/log-inputs",
      "runs/create", "runs/update", "runs/set-tag", "experiments/create",
      "experiments/set-experiment-tag");

  @Test
  void theTargetEndsEqualToTheSourceAndARerunSendsNoWrite(MlflowServer source) {
    String p = "copy-" + System.nanoTime() + "-";
    seed(ExampleTesting.client(source), p, 2);

    try (MlflowServer target = MlflowServer.start();
        FaultProxy proxy = FaultProxy.start(target.uri(), FaultProxy.FaultPlan.none())) {
      CopyServer.Result first = copy(source, proxy.uri(), p);
      assertEquals(new CopyServer.Result(1, 2, 600, 4), first);
      for (String write : List.of("runs/log-batch", "runs/log-inputs")) {
        assertTrue(proxy.requestsByPath().getOrDefault(API + write, 0L) > 0,
            proxy.requestsByPath().toString());
      }
      Oracle from = Fixture.dump(source, p);
      Oracle to = Fixture.dump(target, p);
      assertEquals(Set.of(p + "a"), to.experiments().stream().map(Oracle.Experiment::name)
          .collect(Collectors.toSet()));
      assertEquals(from.experiment(p + "a").tags(), to.experiment(p + "a").tags());
      assertEquals(comparable(from), comparable(to));

      proxy.resetCounters();
      assertEquals(first, copy(source, proxy.uri(), p));
      assertOnlyReads(proxy);
      Oracle again = Fixture.dump(target, p);
      assertEquals(to.experiments(), again.experiments());
      assertEquals(to.runs(), again.runs());
      assertEquals(to.metricHistory().size(), again.metricHistory().size());
      assertEquals(to.runInputs(), again.runInputs());
    }
  }

  @Test
  void aCopyCutOffHalfwayAndRunAgainEndsExact(MlflowServer source) {
    String p = "copy-cut-" + System.nanoTime() + "-";
    seed(ExampleTesting.client(source), p, 4);

    try (MlflowServer target = MlflowServer.start();
        FaultProxy proxy = FaultProxy.start(target.uri(), cutAfterFirstPoints())) {
      assertThrows(Exception.class, () -> copy(source, proxy.uri(), p));
      Oracle from = Fixture.dump(source, p);
      Oracle cut = Fixture.dump(target, p);
      assertTrue(cut.metricHistory().size() > 0
          && cut.metricHistory().size() < from.metricHistory().size(),
          "the first copy stopped part way through the points: " + cut.metricHistory().size()
              + " of " + from.metricHistory().size());

      assertEquals(new CopyServer.Result(1, 4, 1200, 8), copy(source, target.uri(), p));
      Oracle to = Fixture.dump(target, p);
      assertEquals(from.runs().size(), to.runs().size());
      assertEquals(from.runInputs().size(), to.runInputs().size());
      assertEquals(from.metricHistory().size(), to.metricHistory().size());
      assertEquals(comparable(from), comparable(to));
    }
  }

  /** The proxy saw reads only: searches, and not one request that writes. */
  static void assertOnlyReads(FaultProxy proxy) {
    Map<String, Long> seen = proxy.requestsByPath();
    for (String write : WRITES) {
      assertEquals(0L, seen.getOrDefault(API + write, 0L), write + " on the re-run: " + seen);
    }
    assertTrue(seen.getOrDefault(API + "runs/search", 0L) > 0, seen.toString());
  }

  /**
   * Forwards until the first log-batch of metric points (the params' batches are small) has been
   * sent, then refuses every request with a 403, which no client retries: a token revoked halfway.
   */
  private static FaultProxy.FaultPlan cutAfterFirstPoints() {
    AtomicBoolean cut = new AtomicBoolean();
    return r -> {
      if (cut.get()) {
        return Fault.HTTP_403;
      }
      if (r.path().endsWith("/runs/log-batch") && r.bodyLength() > 5_000) {
        cut.set(true);
      }
      return Fault.NONE;
    };
  }

  private static CopyServer.Result copy(MlflowServer source, String target, String p) {
    return CopyServer.run(ExampleTesting.spark(), source.uri(), target, p + "a%",
        new Captured().out);
  }

  /**
   * Experiments {@code p+"a"} (with {@code runs} runs of 300 points each: NaN, +/-Inf, a key with
   * a slash and a space; two dataset inputs each, one of them shared) and {@code p+"b"}, which
   * the pattern {@code p+"a%"} does not match.
   */
  static void seed(MlflowClient c, String p, int runs) {
    String exp = c.createExperiment(p + "a", null, Map.of("team", "cv"));
    c.createExperiment(p + "b", null, Map.of());
    for (int r = 0; r < runs; r++) {
      String run = c.createRun(exp, "run-" + r, 1_600_000_000_000L + r, Map.of("k", "v" + r))
          .info().runId();
      List<Metric> points = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        double v = i == 7 ? Double.NaN : i == 8 ? Double.POSITIVE_INFINITY
            : i == 9 ? Double.NEGATIVE_INFINITY : i / 3.0 + r;
        points.add(Metric.of(i % 2 == 0 ? "loss" : "val/acc 1", v, 1_600_000_000_000L + i,
            i / 2));
      }
      c.logBatch(new LogBatchRequest(run, points, List.of(new KeyValue("lr", "0." + r)),
          List.of()));
      c.logInputs(run, List.of(
          new DatasetInput(List.of(new KeyValue("mlflow.data.context", "training")),
              new Dataset("train", "d-train", "local", "/data/train.csv", "{\"cols\": 3}", null)),
          new DatasetInput(List.of(), new Dataset("eval-" + r, "d-eval-" + r, "http",
              "https://x/eval-" + r + ".csv", null, "{\"rows\": " + r + "}"))));
      c.updateRun(run, r % 2 == 0 ? "FINISHED" : "FAILED", 1_600_000_900_000L, null);
    }
  }

  /** Runs by name without what MLflow assigns, and their histories, as text. */
  static Set<String> comparable(Oracle o) {
    Map<String, String> names = new HashMap<>();
    o.runs().forEach(r -> names.put(r.runId(), r.runName()));
    Set<String> out = o.runs().stream().map(r -> {
      Map<String, String> tags = new HashMap<>(r.tags());
      tags.remove("mlflowtables.source_run_id");
      return r.runName() + "|" + r.status() + "|" + r.startTime() + "|" + r.endTime() + "|"
          + r.params() + "|" + new TreeMap<>(tags) + "|" + new TreeMap<>(r.metrics());
    }).collect(Collectors.toSet());
    o.metricHistory().forEach(m -> out.add(names.get(m.runId()) + "|" + m.key() + "|"
        + m.timestamp() + "|" + m.step() + "|" + m.value()));
    o.runInputs().forEach(i -> out.add(names.get(i.runId()) + "|" + i.kind() + "|"
        + i.datasetName() + "|" + i.datasetDigest() + "|" + i.sourceType() + "|" + i.source()
        + "|" + i.schema() + "|" + i.profile() + "|" + i.modelId() + "|" + i.tags()));
    return out;
  }
}
