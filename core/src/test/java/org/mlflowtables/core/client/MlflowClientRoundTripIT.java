package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.FileInfo;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.ModelVersion;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.SearchRunsRequest;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.paging.Pages;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;

/** Every endpoint of the client against the real server, compared with MLflow's Python client. */
@ExtendWith(MlflowServerExtension.class)
class MlflowClientRoundTripIT {
  private static MlflowServer server;
  private static Oracle oracle;
  private static MlflowClient client;

  @BeforeAll
  static void setUp(MlflowServer s) {
    server = s;
    oracle = s.fixture().oracle();
    client = MlflowClient.create(MlflowConfig.from(Map.of("uri", s.uri()), Map.of()));
  }

  @Test
  void getExperimentAndGetByNameReturnWhatPythonSaw() {
    for (Oracle.Experiment e : oracle.experiments()) {
      Experiment byId = client.getExperiment(e.experimentId());
      assertEquals(e.name(), byId.name());
      assertEquals(e.lifecycleStage(), byId.lifecycleStage());
      assertEquals(e.artifactLocation(), byId.artifactLocation());
      assertEquals(e.tags(), KeyValue.toMap(byId.tags()));
      assertEquals(e.experimentId(), client.getExperimentByName(e.name()).orElseThrow()
          .experimentId());
    }
    assertTrue(client.getExperimentByName("rt-no-such-experiment").isEmpty());
  }

  @Test
  void experimentLifecycleRoundTrips() {
    String id = client.createExperiment("rt-exp", null, Map.of("team", "a b"));
    client.setExperimentTag(id, "stage", "it's \"new\"");
    client.updateExperiment(id, "rt-exp-renamed");
    Experiment e = client.getExperiment(id);
    assertEquals("rt-exp-renamed", e.name());
    assertEquals(Map.of("team", "a b", "stage", "it's \"new\""), KeyValue.toMap(e.tags()));
    client.deleteExperiment(id);
    assertEquals("deleted", client.getExperiment(id).lifecycleStage());
    client.restoreExperiment(id);
    assertEquals("active", client.getExperiment(id).lifecycleStage());
    String seenByPython = server.runPython(Duration.ofMinutes(1), "-c",
        "import mlflow; e = mlflow.MlflowClient().get_experiment('" + id + "');"
            + "print(e.name, e.lifecycle_stage, e.tags['stage'])").trim();
    assertEquals("rt-exp-renamed active it's \"new\"", seenByPython);
  }

  @Test
  void getRunReturnsWhatPythonSaw() {
    for (Oracle.Run expected : oracle.runs()) {
      Run run = client.getRun(expected.runId());
      assertEquals(expected.runName(), run.info().runName());
      assertEquals(expected.status(), run.info().status());
      assertEquals(expected.startTime(), run.info().startTime());
      assertEquals(expected.endTime(), run.info().endTime());
      assertEquals(expected.params(), KeyValue.toMap(run.data().params()));
      assertEquals(expected.tags(), KeyValue.toMap(run.data().tags()));
      Map<String, Double> metrics = new java.util.HashMap<>();
      run.data().metrics().forEach(m -> metrics.put(m.key(), m.value()));
      assertEquals(expected.metrics(), metrics, expected.runName());
    }
  }

  @Test
  void runLifecycleAndLogBatchRoundTrip() {
    String exp = client.createExperiment("rt-runs", null, Map.of());
    Run run = client.createRun(exp, "rt-run", 1_700_000_000_000L, Map.of("t", "1"));
    String id = run.info().runId();
    client.logBatch(new LogBatchRequest(id,
        List.of(Metric.of("m", 1.5, 1000, 0), Metric.of("m", Double.NaN, 2000, 1),
            Metric.of("inf", Double.POSITIVE_INFINITY, 1000, 0)),
        List.of(new KeyValue("p", "v")), List.of(new KeyValue("t2", "x"))));
    client.setTag(id, "t3", "y");
    client.deleteTag(id, "t");
    client.updateRun(id, "FINISHED", 1_700_000_100_000L, "rt-run-2");
    Run got = client.getRun(id);
    assertEquals("FINISHED", got.info().status());
    assertEquals("rt-run-2", got.info().runName());
    assertEquals(1_700_000_100_000L, got.info().endTime());
    assertEquals(Map.of("p", "v"), KeyValue.toMap(got.data().params()));
    Map<String, String> tags = KeyValue.toMap(got.data().tags());
    assertEquals("x", tags.get("t2"));
    assertEquals("y", tags.get("t3"));
    assertFalse(tags.containsKey("t"));
    List<Metric> history = client.getMetricHistory(id, "m", 100, null).items();
    assertEquals(2, history.size());
    assertTrue(history.stream().anyMatch(m -> Double.isNaN(m.value())));
    assertEquals(Double.MAX_VALUE,
        client.getMetricHistory(id, "inf", 100, null).items().get(0).value(),
        "SQL stores keep +Infinity as the largest double");
    client.deleteRun(id);
    assertEquals("deleted", client.getRun(id).info().lifecycleStage());
    client.restoreRun(id);
    assertEquals("active", client.getRun(id).info().lifecycleStage());
    String python = server.runPython(Duration.ofMinutes(1), "-c",
        "import mlflow; c = mlflow.MlflowClient();"
            + "print(sorted((m.step, m.value) for m in c.get_metric_history('" + id + "', 'm')))")
        .trim();
    assertEquals("[(0, 1.5), (1, nan)]", python);
  }

  @Test
  void pagedHistoryReturnsEveryPointOnce() {
    for (Oracle.Run r : oracle.runs()) {
      for (String key : r.metrics().keySet()) {
        List<Oracle.MetricPoint> expected = oracle.history(r.runId(), key);
        List<Metric> actual = new ArrayList<>();
        Pages.items(token -> client.getMetricHistory(r.runId(), key, 7, token))
            .forEachRemaining(actual::add);
        assertEquals(points(expected), pointsOf(actual), r.runName() + "/" + key);
      }
    }
  }

  @Test
  void bulkHistoryReturnsTheSamePointsWithRunIds() {
    Oracle.Run longest = oracle.runs().stream()
        .filter(r -> r.metrics().containsKey("train/loss")).findFirst().orElseThrow();
    List<String> ids = oracle.runs().stream().filter(r -> r.metrics().containsKey("train/loss"))
        .map(Oracle.Run::runId).sorted().toList();
    List<Metric> bulk = client.getMetricHistoryBulk(ids, "train/loss", 25_000);
    Set<String> expected = new HashSet<>();
    for (String id : ids) {
      oracle.history(id, "train/loss").forEach(p -> expected.add(id + p.step() + "@"
          + p.timestamp() + "=" + p.value()));
    }
    Set<String> actual = new HashSet<>();
    bulk.forEach(m -> actual.add(m.runId() + m.step() + "@" + m.timestamp() + "=" + m.value()));
    assertEquals(expected, actual);
    assertTrue(expected.size() >= 300, "history of " + longest.runName());
  }

  @Test
  void searchRunsFollowsPageTokensToTheEndWithSmallPages() {
    List<String> experimentIds = oracle.experiments().stream().map(Oracle.Experiment::experimentId)
        .toList();
    List<String> seen = new ArrayList<>();
    int[] pages = {0};
    Pages.items(token -> {
      pages[0]++;
      Page<Run> p = client.searchRuns(new SearchRunsRequest(experimentIds, null, ViewType.ALL, 3,
          List.of("attributes.start_time ASC"), token));
      return p;
    }).forEachRemaining(r -> seen.add(r.info().runId()));
    assertEquals(oracle.runs().size(), seen.size());
    assertEquals(new HashSet<>(seen).size(), seen.size(), "every run once");
    assertEquals(oracle.runs().stream().map(Oracle.Run::runId).collect(
        java.util.stream.Collectors.toSet()), new HashSet<>(seen));
    assertTrue(pages[0] >= 10, "pages " + pages[0]);
  }

  @Test
  void registryGetsReturnWhatPythonSaw() {
    for (Oracle.RegisteredModel m : oracle.registeredModels()) {
      RegisteredModel got = client.getRegisteredModel(m.name());
      assertEquals(m.tags(), KeyValue.toMap(got.tags()));
      Map<String, String> aliases = new java.util.HashMap<>();
      got.aliases().forEach(a -> aliases.put(a.alias(), a.version()));
      assertEquals(m.aliases(), aliases);
    }
    for (Oracle.ModelVersion v : oracle.modelVersions()) {
      ModelVersion got = client.getModelVersion(v.name(), Long.toString(v.version()));
      assertEquals(v.source(), got.source());
      assertEquals(v.runId(), got.runId());
      assertEquals(v.tags(), KeyValue.toMap(got.tags()));
      assertEquals(new HashSet<>(v.aliases()), new HashSet<>(got.aliases()));
    }
  }

  @Test
  void listArtifactsShowsWhatPythonLogged() {
    String exp = client.createExperiment("rt-artifacts", null, Map.of());
    String runId = client.createRun(exp, "rt-art", null, Map.of()).info().runId();
    server.runPython(Duration.ofMinutes(1), "-c", String.join("\n",
        "import mlflow, tempfile, os",
        "d = tempfile.mkdtemp()",
        "open(os.path.join(d, 'a.txt'), 'w').write('hello')",
        "os.mkdir(os.path.join(d, 'sub'))",
        "open(os.path.join(d, 'sub', 'b.txt'), 'w').write('hi')",
        "mlflow.MlflowClient().log_artifacts('" + runId + "', d)"));
    List<FileInfo> root = client.listArtifacts(runId, null, null).items();
    assertEquals(Set.of("a.txt", "sub"),
        root.stream().map(FileInfo::path).collect(java.util.stream.Collectors.toSet()));
    FileInfo a = root.stream().filter(f -> f.path().equals("a.txt")).findFirst().orElseThrow();
    assertEquals(5L, a.fileSize());
    List<FileInfo> sub = client.listArtifacts(runId, "sub", null).items();
    assertEquals(List.of("sub/b.txt"), sub.stream().map(FileInfo::path).toList());
    assertNull(client.listArtifacts(runId, "sub", null).nextPageToken());
  }

  private static List<String> points(List<Oracle.MetricPoint> ps) {
    return ps.stream().map(p -> p.step() + "@" + p.timestamp() + "=" + p.value()).sorted()
        .toList();
  }

  private static List<String> pointsOf(List<Metric> ms) {
    return ms.stream().map(p -> p.step() + "@" + p.timestamp() + "=" + p.value()).sorted()
        .toList();
  }
}
