package org.mlflowtables.core.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.Translation;
import org.mlflowtables.core.predicate.PushdownOptions;
import org.mlflowtables.core.predicate.Translators;
import org.mlflowtables.core.scan.ScanPlan;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * The filters pushed for the runs table agree with MLflow's own Python client: for a sample of
 * generated requests whose translation sends a filter string to search-runs, the run ids of the
 * Java scan (before any residual filter) equal those of {@code MlflowClient().search_runs(
 * experiment_ids, filter_string, run_view_type)}, all run in one Python call.
 */
@ExtendWith(MlflowServerExtension.class)
class PythonSearchRunsAgreementIT {
  static final int SAMPLE = 150;

  @Test
  void pushedRunsFiltersFindTheRunsThatThePythonClientFinds(MlflowServer server)
      throws IOException {
    DiffData.Seeded data = DiffData.seed(server);
    Differential diff = new Differential(server.uri(), data);
    Pools pools = new Pools(Tables.RUNS, diff.inDataSet(Tables.RUNS,
        diff.full("runs", ViewType.ALL)));
    PredicateGen gen = new PredicateGen(Tables.RUNS, pools, data, DiffData.SEED * 31 + 7);
    ViewType[] views = ViewType.values();

    record Query(List<String> experimentIds, String filter, ViewType view, Set<String> javaIds,
        String javaError, String sql) {}
    List<Query> queries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int generated = 0;
    int empty = 0;
    while (queries.size() < SAMPLE && generated < 20 * SAMPLE) {
      PredicateGen.Case c = gen.next();
      generated++;
      ViewType view = views[generated % 3];
      Translation t;
      try {
        t = Translators.runs(Tables.RUNS, PushdownOptions.PORTABLE).translate(c.filters());
      } catch (RuntimeException e) {
        continue; // a translator failure: PushdownDifferentialIT and the regressions cover it
      }
      if (t.noRows() || t.filter() == null || t.experimentIds().isEmpty()
          || t.experimentIds().get().isEmpty()) {
        continue;
      }
      ScanPlan plan = ScanPlanner.plan(diff.config(view, true),
          new ScanRequest("runs", c.filters(), List.of(), null));
      if (!plan.describe().contains("search-runs(")) {
        continue; // read by run id (get-run): no filter string reaches the server
      }
      List<String> ids = new ArrayList<>(new TreeSet<>(t.experimentIds().get()));
      if (!seen.add(ids + "|" + t.filter() + "|" + view)) {
        continue;
      }
      assertTrue(plan.describe().contains("filter=" + t.filter()),
          "the plan sends the translator's filter: " + plan.describe());
      Set<String> javaIds = new TreeSet<>();
      String error = null;
      try {
        for (Object[] row : diff.drain(plan)) {
          javaIds.add((String) row[0]);
        }
      } catch (RuntimeException e) {
        error = e.toString();
      }
      if (error != null) {
        // the server failed the request (HTTP 500): PushdownRegressionIT covers it, and the
        // Python client would spend minutes retrying it
        continue;
      }
      if (javaIds.isEmpty() && empty >= SAMPLE / 4) {
        continue; // keep most of the sample to filters that find runs
      }
      if (javaIds.isEmpty()) {
        empty++;
      }
      queries.add(new Query(ids, t.filter(), view, javaIds, error,
          c.filters().stream().map(Object::toString).reduce((a, b) -> a + " AND " + b)
              .orElse("TRUE")));
    }
    assertTrue(queries.size() >= 100, "only " + queries.size() + " pushed filters generated");

    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> in = new ArrayList<>();
    for (Query q : queries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("experiment_ids", q.experimentIds());
      m.put("filter", q.filter());
      m.put("view", q.view().name());
      in.add(m);
    }
    Path dir = server.directory();
    Path queriesFile = Files.createTempFile(dir, "df-queries-", ".json");
    Path outFile = Files.createTempFile(dir, "df-python-", ".json");
    Path script = Files.createTempFile(dir, "df-search-", ".py");
    try (InputStream s = getClass().getResourceAsStream("/differential/search_runs.py")) {
      Files.write(script, s.readAllBytes());
    }
    json.writeValue(queriesFile.toFile(), in);
    long t0 = System.nanoTime();
    server.runPython(Duration.ofMinutes(5), script.toString(), queriesFile.toString(),
        outFile.toString());
    long pythonMs = (System.nanoTime() - t0) / 1_000_000;
    JsonNode out = json.readTree(outFile.toFile());
    assertEquals(queries.size(), out.size());

    List<String> disagreements = new ArrayList<>();
    int rows = 0;
    int withRows = 0;
    for (int i = 0; i < queries.size(); i++) {
      Query q = queries.get(i);
      JsonNode r = out.get(i);
      String pythonError = r.has("error") ? r.get("error").asText() : null;
      Set<String> pythonIds = new TreeSet<>();
      if (pythonError == null) {
        r.get("run_ids").forEach(n -> pythonIds.add(n.asText()));
      }
      boolean agree = (q.javaError() != null) == (pythonError != null)
          && q.javaIds().equals(pythonIds);
      rows += q.javaIds().size();
      if (!q.javaIds().isEmpty()) {
        withRows++;
      }
      if (!agree) {
        Set<String> onlyJava = new TreeSet<>(q.javaIds());
        onlyJava.removeAll(pythonIds);
        Set<String> onlyPython = new TreeSet<>(pythonIds);
        onlyPython.removeAll(q.javaIds());
        disagreements.add("filter " + q.filter() + " on experiments " + q.experimentIds()
            + ", " + q.view() + " (from " + q.sql() + "): Java " + q.javaIds().size()
            + " runs" + (q.javaError() == null ? "" : " / error " + q.javaError())
            + ", Python " + pythonIds.size() + " runs"
            + (pythonError == null ? "" : " / error " + pythonError)
            + "; only Java " + onlyJava + ", only Python " + onlyPython);
      }
    }
    System.out.println("python agreement: " + queries.size() + " pushed runs filters ("
        + generated + " requests generated), " + withRows + " with runs, " + rows
        + " run ids compared, python " + pythonMs + " ms, " + disagreements.size()
        + " disagreements");
    assertTrue(disagreements.isEmpty(), disagreements.size() + " of " + queries.size()
        + " filters disagree with the Python client:\n" + String.join("\n", disagreements));
  }
}
