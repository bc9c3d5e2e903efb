package org.mlflowtables.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.Oracle.LoggedModel;
import org.mlflowtables.core.testing.Oracle.MetricPoint;
import org.mlflowtables.core.testing.Oracle.Run;
import org.mlflowtables.core.testing.Oracle.RunInput;

@ExtendWith(MlflowServerExtension.class)
class MlflowServerExtensionIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void serverAnswersRestCalls(MlflowServer server) throws Exception {
    assertTrue(server.isRunning());
    assertSame(server, MlflowServerExtension.server(), "one server per JVM");
    assertEquals("http://127.0.0.1:" + server.port(), server.uri());

    assertEquals(200, get(server.uri() + "/health").statusCode());
    HttpResponse<String> search =
        post(server.uri() + "/api/2.0/mlflow/experiments/search", "{\"max_results\": 10}");
    assertEquals(200, search.statusCode(), search.body());
    assertTrue(search.body().contains("\"experiments\""), search.body());

    assertTrue(Files.isRegularFile(server.logFile()));
    assertTrue(Files.isExecutable(Path.of(server.python())));
    assertTrue(server.startupTime().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void fixtureIsSeededOnceAndTheOracleHoldsIt(MlflowServer server, Fixture fixture, Oracle oracle) {
    assertSame(fixture, server.fixture());
    assertSame(oracle, fixture.oracle());
    assertEquals("3.17.2", oracle.mlflowVersion());

    // experiments, the deleted one included
    assertEquals(
        List.of("fx-alpha", "fx-beta", "fx-gamma", "fx-deleted"),
        oracle.experiments().stream().map(Oracle.Experiment::name).collect(Collectors.toList()));
    assertEquals("deleted", oracle.experiment("fx-deleted").lifecycleStage());
    assertEquals("active", oracle.experiment("fx-alpha").lifecycleStage());
    assertEquals(
        "Alpha's \"main\" experiment", oracle.experiment("fx-alpha").tags().get("quote note"));
    assertEquals("значение", oracle.experiment("fx-beta").tags().get("ключ"));

    // runs: 30, two deleted (one by delete_run, one with its experiment), every status
    assertEquals(30, oracle.runs().size());
    assertTrue(oracle.runs().stream().allMatch(r -> r.runName().startsWith(Fixture.PREFIX)));
    assertEquals(
        Set.of("fx-beta-run-09", "fx-deleted-run-00"),
        oracle.runs().stream().filter(Run::deleted).map(Run::runName).collect(Collectors.toSet()));
    assertEquals(
        Set.of("FINISHED", "FAILED", "RUNNING", "KILLED"),
        oracle.runs().stream().map(Run::status).collect(Collectors.toSet()));
    assertTrue(
        oracle.runs().stream()
            .filter(r -> r.status().equals("RUNNING"))
            .allMatch(r -> r.endTime() == null));
    Run run0 = oracle.run("fx-alpha-run-00");
    assertEquals(1_700_000_000_000L, run0.startTime());
    assertEquals("alice", run0.userId());

    // the 300-step history, ties, step-before-time, NaN and the SQL store's infinities
    List<MetricPoint> loss = oracle.history(run0.runId(), "train/loss");
    assertEquals(300, loss.size());
    assertEquals(299, loss.get(299).step());
    assertEquals(loss.get(299).value(), run0.metrics().get("train/loss"));
    assertEquals(0.75, run0.metrics().get("tie"));
    assertEquals(3, oracle.history(run0.runId(), "tie").size());
    assertEquals(10.0, run0.metrics().get("step_vs_time"));
    assertTrue(run0.metrics().get("nan_metric").isNaN());
    assertTrue(oracle.metricHistory().stream().anyMatch(p -> Double.isNaN(p.value())));
    assertEquals(Double.MAX_VALUE, run0.metrics().get("inf_metric"));
    assertEquals(-Double.MAX_VALUE, run0.metrics().get("neg_inf_metric"));
    assertTrue(oracle.run("fx-alpha-run-03").metrics().get("number then nan").isNaN());
    assertEquals(4.0, oracle.run("fx-alpha-run-03").metrics().get("nan then number"));
    assertTrue(
        oracle.metricHistory().stream().allMatch(p -> p.modelId() == null),
        "MLflow 3.17's get-history does not return lineage fields");
    assertEquals(
        oracle.runs().stream().mapToInt(r -> r.metrics().size()).sum(),
        oracle.latestMetrics().size());

    // keys with special characters, values with quotes, newlines, emoji
    Set<String> paramKeys =
        oracle.params().stream().map(Oracle.RunEntry::key).collect(Collectors.toSet());
    assertTrue(
        paramKeys.containsAll(
            Set.of(
                "model.depth",
                "data-path",
                "layers/hidden",
                "sched:gamma",
                "dropout rate",
                "über_param")),
        paramKeys.toString());
    Set<String> values =
        oracle.params().stream().map(Oracle.RunEntry::value).collect(Collectors.toSet());
    assertTrue(
        values.containsAll(
            Set.of(
                "it's", "say \"hi\"", "back\\slash", "line1\nline2", "rocket \uD83D\uDE80", "")),
        values.toString());
    assertTrue(oracle.tags().stream().anyMatch(t -> t.key().equals("非拉丁")));
    assertTrue(oracle.runs().stream().anyMatch(r -> !r.params().containsKey("optimizer")));

    // MLflow 3: run inputs, logged models and their metric lineage
    List<RunInput> inputs = oracle.runInputs();
    assertEquals(
        Set.of("train", "eval"),
        inputs.stream()
            .map(i -> i.tags().get("mlflow.data.context"))
            .filter(c -> c != null)
            .collect(Collectors.toSet()));
    assertEquals(3, inputs.stream().filter(i -> i.kind().equals("model")).count());
    assertEquals(5, oracle.loggedModels().size());
    assertEquals(
        Map.of("READY", 3L, "FAILED", 1L, "PENDING", 1L),
        oracle.loggedModels().stream()
            .collect(Collectors.groupingBy(LoggedModel::status, Collectors.counting())));
    LoggedModel modelA = oracle.loggedModel("fx-model-a");
    assertEquals(run0.runId(), modelA.sourceRunId());
    assertEquals(7, modelA.metrics().size());
    assertEquals(0.9, modelA.latestMetrics().get("eval_accuracy"));
    assertEquals(
        Set.of("fx-train", "fx-eval", "fx-holdout"),
        modelA.metrics().stream()
            .map(MetricPoint::datasetName)
            .filter(n -> n != null)
            .collect(Collectors.toSet()));
    // MLflow stores a model's NaN metric as 0.0 (the run keeps NaN).
    assertEquals(0.0, modelA.latestMetrics().get("eval nan"));
    assertTrue(run0.metrics().get("eval nan").isNaN());

    // registry
    assertEquals(3, oracle.registeredModels().size());
    assertEquals(6, oracle.modelVersions().size());
    assertEquals(
        Map.of("champion", "1", "challenger", "2", "legacy-v1", "1"),
        oracle.registeredModel("fx-classifier").aliases());
    assertEquals(
        List.of("champion", "legacy-v1"), oracle.modelVersion("fx-classifier", 1).aliases());
    assertEquals(run0.runId(), oracle.modelVersion("fx-classifier", 1).runId());

    assertThrows(java.util.NoSuchElementException.class, () -> oracle.run("no-such-run"));
  }

  @Test
  void concurrentCallersShareOneFixture(MlflowServer server) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Fixture>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit((Callable<Fixture>) server::fixture));
      }
      Fixture first = futures.get(0).get(5, TimeUnit.MINUTES);
      for (Future<Fixture> f : futures) {
        assertSame(first, f.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requestCountGrowsByOnePerRestRequest(MlflowServer server) throws Exception {
    String api = server.uri() + "/api/2.0/mlflow/";
    long before = server.requestCount();
    assertEquals(before, server.requestCount(), "counting does not count itself");

    assertEquals(200, get(api + "experiments/search?max_results=1").statusCode());
    assertEquals(200, post(api + "experiments/search", "{\"max_results\": 1}").statusCode());
    String ajax = server.uri() + "/ajax-api/2.0/mlflow/";
    assertEquals(200, get(ajax + "experiments/search?max_results=1").statusCode());
    assertEquals(404, get(api + "experiments/get?experiment_id=987654321").statusCode());
    assertEquals(400, post(api + "runs/search", "{\"max_results\": -1}").statusCode());
    for (int i = 0; i < 3; i++) {
      get(server.uri() + "/health"); // not a REST request
    }
    assertEquals(before + 5, server.requestCount());

    int n = 25;
    for (int i = 0; i < n; i++) {
      assertEquals(200, get(api + "experiments/search?max_results=1").statusCode());
    }
    assertEquals(before + 5 + n, server.requestCount());
  }

  @Test
  void dumpNowSeesWritesMadeAfterSeeding(Fixture fixture) throws Exception {
    String name = "mst-dump-" + System.nanoTime();
    HttpResponse<String> created =
        post(
            fixture.server().uri() + "/api/2.0/mlflow/experiments/create",
            "{\"name\": \"" + name + "\"}");
    assertEquals(200, created.statusCode(), created.body());

    Oracle now = fixture.dumpNow("mst-dump-");
    assertEquals("mst-dump-", now.prefix());
    assertEquals(name, now.experiments().get(0).name());
    assertEquals(List.of(), now.runs());
    assertThrows(
        java.util.NoSuchElementException.class, () -> fixture.oracle().experiment(name));

    Oracle everything = fixture.dumpNow();
    assertTrue(everything.experiments().stream().anyMatch(e -> e.name().equals(name)));
    assertTrue(everything.experiments().stream().anyMatch(e -> e.name().equals("fx-alpha")));
  }

  @Test
  void stoppingASeparateServerLeavesNoProcess() throws Exception {
    MlflowServer shared = MlflowServerExtension.server();
    MlflowServer second = MlflowServer.start();
    long pgid = second.pid();
    int port = second.port();
    try {
      assertNotEquals(shared.port(), port);
      assertEquals(
          200, get(second.uri() + "/api/2.0/mlflow/experiments/search?max_results=1").statusCode());
      assertTrue(
          MlflowServer.groupMembers(pgid).size() >= 3,
          "wrapper, mlflow CLI and uvicorn: " + MlflowServer.groupMembers(pgid));
      assertFalse(serving(port).isEmpty());
      assertFalse(psServing(port).isEmpty());
    } finally {
      second.stop();
    }
    assertFalse(second.isRunning());
    assertEquals(List.of(), MlflowServer.groupMembers(pgid));
    assertEquals(List.of(), serving(port));
    assertEquals(List.of(), psServing(port));
    assertThrows(IOException.class, () -> get(second.uri() + "/health"));
    assertFalse(Files.exists(second.directory()));
    second.stop(); // idempotent

    assertTrue(shared.isRunning(), "the shared server is not touched");
    assertEquals(200, get(shared.uri() + "/health").statusCode());
  }

  // ---------------------------------------------------------------------------------------------

  /** Live processes whose command line names the port, via ProcessHandle. */
  private static List<Long> serving(int port) {
    String flag = "--port " + port + " ";
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> (c + " ").contains(flag)).orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toList());
  }

  /** The same, via ps (zombies left out: they are gone but for their exit status). */
  private static List<String> psServing(int port) throws IOException, InterruptedException {
    Process ps =
        new ProcessBuilder("ps", "-eo", "pid=,stat=,args=").redirectErrorStream(true).start();
    String out;
    try (InputStream in = ps.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(ps.waitFor(30, TimeUnit.SECONDS));
    String flag = "--port " + port + " ";
    List<String> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.strip().split("\\s+", 3);
      if (f.length == 3 && !f[1].startsWith("Z") && (f[2] + " ").contains(flag)) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
