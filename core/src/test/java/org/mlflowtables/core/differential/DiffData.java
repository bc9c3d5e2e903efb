package org.mlflowtables.core.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.mlflowtables.core.testing.MlflowServer;

/**
 * The differential tests' data set: a reproducible spec (fixed seed) of experiments "df-*", runs,
 * metric histories, params, tags, run inputs, logged models and registry entries, written to the
 * real server once per server by {@code differential/seed.py} in one Python call.
 *
 * <p>What it holds on purpose: quotes ' and ", backslashes (also trailing), {@code %} and
 * {@code _}, spaces, dots, colons, slashes, keywords and letter-case variants in keys and values,
 * non-ASCII text (İ, the Kelvin sign, ß, CJK, emoji), empty strings, NaN, ±Infinity, ±0.0, the
 * largest and smallest doubles, keys missing from some runs, equal values and equal start times
 * across runs, runs in every status, deleted runs, a deleted experiment with its runs and a logged
 * model, runs whose {@code mlflow.runName} tag was deleted, a run renamed through log-batch;
 * MLflow 3 traces with spans and assessments, and artifacts of some runs.
 * MLflow refuses quotes, backslashes, {@code %} and backticks in keys, so those keys appear only
 * as missing keys in predicates.
 */
final class DiffData {
  static final long SEED = 20_240_611L;
  static final String PREFIX = "df-";
  static final String SET_TAG = "dfset";
  static final String SET_VALUE = "df-set-1";
  static final long T0 = 1_710_000_000_000L;

  static final List<String> SPECIAL_VALUES = List.of(
      "it's", "say \"hi\"", "mixed 'single' and \"double\"", "back\\slash", "trail\\", "50%",
      "5_0", "a%b_c", "", " ", "Adam", "adam", "ADAM", "İstanbul", "i\u0307stanbul",
      "\u212A-kelvin", "k-kelvin", "straße", "STRASSE", "日本語", "rocket \uD83D\uDE80",
      "line1\nline2", "tab\there", "0.01", "1e-3", "NULL", "null", "%", "_", "'", "\"", "\\",
      "a'b\"c", "O'Brien", "o'brien", "ünï", "ÜNÏ", "x", "x ", " x", "[bracket]", "back\\%",
      "semi;colon, comma", "a=b", "`tick`", "Adam's \"best\"", "é", "e\u0301");

  static final List<String> METRIC_KEYS = List.of(
      "loss", "acc", "m.dot", "m space", "ü_metric", "m-dash", "m/slash", "m:colon", "in", "Loss",
      "日本");
  static final List<String> PARAM_KEYS = List.of(
      "lr", "opt", "p.dot", "p space", "ü_param", "p-dash", "p/slash", "p:colon", "select", "Lr",
      "p_empty");
  static final List<String> TAG_KEYS = List.of(
      "env", "t.dot", "t space", "ü_tag", "t-dash", "t/slash", "t:colon", "and", "Env", "note");
  /** Keys no entity has (some of them could not be logged at all). */
  static final List<String> MISSING_KEYS = List.of(
      "missing", "it's", "dq\"key", "back\\slash", "%", "_x", "`tick`", "", "p%", "l_", "lr ",
      "LR", "los_", "mlflow.nope");

  static final double[] SHARED_VALUES = {
    0.0, -0.0, 1.0, 0.5, -0.5, 0.1, 0.30000000000000004, 0.3, 2.0, 100.0, Double.NaN,
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, Double.MIN_VALUE,
    -Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 42.0, 3.0, -7.25};

  static final List<String> RUN_NAMES = List.of(
      "it's run", "say \"hi\"", "50%_done", "back\\slash", "Ünï run", "UPPER", "upper",
      "trail\\", "  spaced  ", "İstanbul", "\u212A run", "k run", "ß-run", "a_b", "a%b",
      "line1\nline2", "dup-name", "dup-name", "Dup-Name", "rocket \uD83D\uDE80");
  static final List<String> USERS = List.of(
      "alice", "Alice", "bob", "carol's", "dan \"d\"", "ëve", "50%_u", "", "back\\u", "alice");
  static final List<String> STATUSES = List.of(
      "FINISHED", "FINISHED", "FINISHED", "FAILED", "KILLED", "RUNNING", "RUNNING", "SCHEDULED");

  /** Experiments: key, name, run count, deleted. */
  record ExpSpec(String key, String name, int runs, boolean deleted) {}

  static final List<ExpSpec> EXPERIMENTS = List.of(
      new ExpSpec("A", "df-alpha", 55, false),
      new ExpSpec("B", "df-beta's \"q\"", 40, false),
      new ExpSpec("C", "df-50%_off\\", 25, false),
      new ExpSpec("D", "df-ünï \uD83D\uDE80 gamma", 12, false),
      new ExpSpec("E", "df-deleted", 10, true),
      new ExpSpec("F", "df-empty", 0, false));

  private static final Object LOCK = new Object();
  private static final Map<String, Seeded> SEEDED = new HashMap<>();

  private DiffData() {}

  /** What the server gave the data set. */
  record Seeded(
      Map<String, String> experimentIds,
      List<String> runIds,
      List<String> modelIds,
      Map<String, Object> spec,
      Duration seedTime) {

    /** Every df experiment id (the deleted one included), sorted. */
    List<String> allExperimentIds() {
      return experimentIds.values().stream().sorted().toList();
    }

    List<String> activeExperimentIds() {
      Set<String> deleted = new LinkedHashSet<>();
      for (ExpSpec e : EXPERIMENTS) {
        if (e.deleted()) {
          deleted.add(experimentIds.get(e.key()));
        }
      }
      return experimentIds.values().stream().filter(id -> !deleted.contains(id)).sorted()
          .toList();
    }

    String deletedExperimentId() {
      return experimentIds.get("E");
    }

    String id(String key) {
      return experimentIds.get(key);
    }
  }

  /** Seeds the data set on the server once (per server) and returns its ids. */
  static Seeded seed(MlflowServer server) {
    synchronized (LOCK) {
      Seeded s = SEEDED.get(server.uri());
      if (s == null) {
        s = doSeed(server);
        SEEDED.put(server.uri(), s);
      }
      return s;
    }
  }

  private static Seeded doSeed(MlflowServer server) {
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> spec = spec();
    try {
      Path dir = server.directory();
      Path specFile = Files.createTempFile(dir, "df-spec-", ".json");
      Path outFile = Files.createTempFile(dir, "df-ids-", ".json");
      Path script = Files.createTempFile(dir, "df-seed-", ".py");
      try (InputStream in = DiffData.class.getResourceAsStream("/differential/seed.py")) {
        Files.write(script, in.readAllBytes());
      }
      json.writeValue(specFile.toFile(), spec);
      long t0 = System.nanoTime();
      server.runPython(Duration.ofMinutes(5), script.toString(), specFile.toString(),
          outFile.toString());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      JsonNode out = json.readTree(outFile.toFile());
      Map<String, String> exps = new LinkedHashMap<>();
      out.get("experiments").properties().forEach(e -> exps.put(e.getKey(),
          e.getValue().asText()));
      List<String> runs = new ArrayList<>();
      out.get("runs").forEach(n -> runs.add(n.asText()));
      List<String> models = new ArrayList<>();
      out.get("models").forEach(n -> models.add(n.asText()));
      return new Seeded(Map.copyOf(exps), List.copyOf(runs), List.copyOf(models), spec, took);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------ the spec

  static Map<String, Object> spec() {
    Random rnd = new Random(SEED);
    Map<String, Object> spec = new LinkedHashMap<>();

    List<Object> exps = new ArrayList<>();
    for (ExpSpec e : EXPERIMENTS) {
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put(SET_TAG, SET_VALUE);
      if (!e.key().equals("F")) {
        tags.put("team", pick(rnd, List.of("vision", "Vision", "nlp", "it's", "50%_x")));
        tags.put("t.dot", pick(rnd, SPECIAL_VALUES));
        if (rnd.nextBoolean()) {
          tags.put("ü_tag", pick(rnd, SPECIAL_VALUES));
        }
        tags.put("note", e.key().equals("A") ? "" : pick(rnd, SPECIAL_VALUES));
      }
      exps.add(Map.of("key", e.key(), "name", e.name(), "tags", tags));
    }
    spec.put("experiments", exps);

    List<Map<String, Object>> runs = new ArrayList<>();
    List<String> runExp = new ArrayList<>();
    int global = 0;
    for (ExpSpec e : EXPERIMENTS) {
      for (int i = 0; i < e.runs(); i++, global++) {
        runs.add(run(rnd, e, global));
        runExp.add(e.key());
      }
    }
    spec.put("runs", runs);

    // Run inputs: datasets on the runs of D and on a few of A; model inputs added below.
    List<Map<String, Object>> datasets = datasetPool();
    for (int i = 0; i < runs.size(); i++) {
      boolean withInputs = runExp.get(i).equals("D") || (runExp.get(i).equals("A") && i % 9 == 0)
          || (runExp.get(i).equals("E") && i % 3 == 0);
      if (!withInputs) {
        continue;
      }
      List<Object> ds = new ArrayList<>();
      int n = 1 + rnd.nextInt(2);
      Set<Integer> used = new LinkedHashSet<>();
      for (int k = 0; k < n; k++) {
        int d = rnd.nextInt(datasets.size());
        if (!used.add(d)) {
          continue;
        }
        Map<String, Object> in = new LinkedHashMap<>(datasets.get(d));
        Map<String, String> tags = new LinkedHashMap<>();
        String ctx = pick(rnd, List.of("train", "eval", "Train", "test's", "", "none"));
        if (!ctx.equals("none")) {
          tags.put("mlflow.data.context", ctx);
        }
        if (rnd.nextInt(3) == 0) {
          tags.put("note", pick(rnd, SPECIAL_VALUES));
        }
        in.put("tags", tags);
        ds.add(in);
      }
      runs.get(i).put("datasets", ds);
    }

    // Logged models.
    List<Object> models = new ArrayList<>();
    String[] modelExps = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "C", "C", "C", "D", "D",
        "E", "E"};
    // MLflow refuses / : . % " ' in logged model names.
    List<String> modelNames = List.of("df-model-a", "df-model-b", "it s model", "say hi",
        "50 model_x", "Ünï model", "df-model-a", "DF-MODEL-A", "trail\\", "back\\slash model",
        "df-model-c", "df_model_d", "df-model-a", "m ünï 🚀", "df-deleted-model", "df-model-b");
    for (int m = 0; m < modelExps.length; m++) {
      String ek = modelExps[m];
      List<Integer> sameExp = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        if (runExp.get(i).equals(ek)) {
          sameExp.add(i);
        }
      }
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("exp", ek);
      lm.put("name", modelNames.get(m));
      Integer source = m % 4 == 3 ? null : sameExp.get(rnd.nextInt(sameExp.size()));
      lm.put("source_run", source);
      lm.put("model_type", pick(rnd, java.util.Arrays.asList("classifier", "Classifier",
          "regressor", null, "agent's", "50%_t", null)));
      Map<String, String> params = new LinkedHashMap<>();
      if (rnd.nextInt(4) > 0) {
        params.put("lr", pick(rnd, List.of("0.01", "0.001", "1e-3", "0.01 ")));
      }
      if (rnd.nextBoolean()) {
        params.put("arch", pick(rnd, SPECIAL_VALUES));
      }
      if (rnd.nextInt(3) == 0) {
        params.put("p space", pick(rnd, SPECIAL_VALUES));
      }
      lm.put("params", params);
      Map<String, String> tags = new LinkedHashMap<>();
      if (rnd.nextInt(4) > 0) {
        tags.put("stage", pick(rnd, List.of("candidate", "Candidate", "baseline", "it's",
            "50%_x", "")));
      }
      if (rnd.nextBoolean()) {
        tags.put("t.dot", pick(rnd, SPECIAL_VALUES));
      }
      lm.put("tags", tags);
      lm.put("status", pick(rnd, List.of("READY", "READY", "FAILED", "PENDING")));
      List<Object> points = new ArrayList<>();
      int np = rnd.nextInt(6);
      List<String> mkeys = List.of("acc", "loss", "m space", "ü_m");
      for (int p = 0; p < np; p++) {
        int run = source != null && rnd.nextBoolean() ? source
            : sameExp.get(rnd.nextInt(sameExp.size()));
        String key = pick(rnd, mkeys);
        double v = rnd.nextInt(3) == 0 ? SHARED_VALUES[rnd.nextInt(SHARED_VALUES.length)]
            : Math.round(rnd.nextDouble() * 1000) / 1000.0;
        long ts = T0 + 5_000_000 + rnd.nextInt(4) * 1000L;
        long step = rnd.nextInt(3);
        boolean ds = rnd.nextBoolean();
        points.add(java.util.Arrays.asList(key, Double.toString(v), ts, step, run,
            ds ? pick(rnd, List.of("df-train", "df-eval", "ds it's")) : null,
            ds ? pick(rnd, List.of("d1a2", "e5f6")) : null));
      }
      lm.put("metrics", points);
      models.add(lm);
    }
    spec.put("logged_models", models);
    // Model inputs: runs of D and A use some models of their experiment.
    for (int i = 0; i < runs.size(); i++) {
      List<Integer> inputs = new ArrayList<>();
      if ((runExp.get(i).equals("D") && i % 2 == 0) || (runExp.get(i).equals("A") && i % 11 == 0)
          || (runExp.get(i).equals("E") && i % 4 == 0)) {
        for (int m = 0; m < modelExps.length; m++) {
          if (modelExps[m].equals(runExp.get(i)) && rnd.nextInt(3) == 0) {
            inputs.add(m);
          }
        }
      }
      runs.get(i).put("model_inputs", inputs);
    }

    // Registry.
    List<Object> rms = new ArrayList<>();
    List<String> rmNames = List.of("df-rm-a", "df-RM-A", "df-rm it's", "df-rm \"dq\"",
        "df-rm 50%_x", "df-rm Ünï \uD83D\uDE80", "df-rm back\\slash", "df-rm trail\\", "df-rm-b",
        "df-rm_c");
    List<String> sources = List.of("runs:/{run}/model", "models:/{model}", "s3://bucket/it's/model",
        "s3://b/50%_x", "s3://b/ünï", "dbfs:/back\\slash", "runs:/{run}/model");
    for (int r = 0; r < rmNames.size(); r++) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("name", rmNames.get(r));
      Map<String, String> tags = new LinkedHashMap<>();
      tags.put(SET_TAG, SET_VALUE);
      if (r % 3 != 2) {
        tags.put("task", pick(rnd, List.of("classification", "Classification", "it's", "50%_x",
            "")));
      }
      if (rnd.nextBoolean()) {
        tags.put("t.dot", pick(rnd, SPECIAL_VALUES));
      }
      rm.put("tags", tags);
      rm.put("description", rnd.nextInt(3) == 0 ? null : pick(rnd, SPECIAL_VALUES));
      List<Object> versions = new ArrayList<>();
      int nv = r % 5 == 4 ? 0 : 1 + rnd.nextInt(4);
      for (int v = 0; v < nv; v++) {
        Map<String, Object> ver = new LinkedHashMap<>();
        String source = pick(rnd, sources);
        Integer run = source.contains("{run}") || rnd.nextBoolean() ? rnd.nextInt(runs.size())
            : null;
        Integer model = source.contains("{model}") ? rnd.nextInt(models.size()) : null;
        ver.put("source", source);
        ver.put("run", run);
        ver.put("model", model);
        Map<String, String> vt = new LinkedHashMap<>();
        if (rnd.nextInt(3) > 0) {
          vt.put("validation", pick(rnd, List.of("passed", "Passed", "failed", "it's", "")));
        }
        if (rnd.nextInt(3) == 0) {
          vt.put("t space", pick(rnd, SPECIAL_VALUES));
        }
        ver.put("tags", vt);
        ver.put("description", rnd.nextBoolean() ? null : pick(rnd, SPECIAL_VALUES));
        versions.add(ver);
      }
      rm.put("versions", versions);
      Map<String, Integer> aliases = new LinkedHashMap<>();
      if (nv >= 1 && rnd.nextBoolean()) {
        aliases.put("champion", 1 + rnd.nextInt(nv));
      }
      if (nv >= 2) {
        aliases.put("challenger", 1 + rnd.nextInt(nv));
      }
      rm.put("aliases", aliases);
      rms.add(rm);
    }
    spec.put("registered_models", rms);
    spec.put("traces", traces(rnd, runs, runExp));
    spec.put("artifacts", artifacts(rnd, runs, runExp));

    // Deletions: ~12% of the runs of active experiments, runName tags, then experiment E.
    List<Integer> deleteRuns = new ArrayList<>();
    List<Object> deleteTags = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (!runExp.get(i).equals("E") && rnd.nextInt(100) < 12) {
        deleteRuns.add(i);
      }
      if (i % 37 == 5) {
        deleteTags.add(List.of(i, "mlflow.runName"));
      }
    }
    spec.put("delete_runs", deleteRuns);
    spec.put("delete_tags", deleteTags);
    spec.put("delete_experiments", List.of("E"));
    return spec;
  }

  private static Map<String, Object> run(Random rnd, ExpSpec e, int global) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("exp", e.key());
    r.put("name", rnd.nextInt(10) < 6 ? String.format("df-r-%03d", global)
        : pick(rnd, RUN_NAMES));
    r.put("user", pick(rnd, USERS));
    long start = T0 + (global / 3) * 60_000L + (global % 11 == 0 ? 0 : (global % 3) * 7L);
    r.put("start", start);
    String status = pick(rnd, STATUSES);
    r.put("status", status);
    long end = rnd.nextInt(20) == 0 ? start : start + 1 + rnd.nextInt(3_600_000);
    r.put("end", end);

    List<Object> metrics = new ArrayList<>();
    for (String key : METRIC_KEYS) {
      if (rnd.nextInt(100) >= 55) {
        continue;
      }
      int points = 1 + rnd.nextInt(3);
      for (int p = 0; p < points; p++) {
        double v = rnd.nextInt(5) < 2 ? SHARED_VALUES[rnd.nextInt(SHARED_VALUES.length)]
            : Math.round((rnd.nextDouble() * 4 - 2) * 1000) / 1000.0;
        long ts = start + 1_000L * p;
        metrics.add(java.util.Arrays.asList(key, Double.toString(v), ts, (long) p));
        if (rnd.nextInt(8) == 0) {
          // a second value at the same timestamp and step
          double w = SHARED_VALUES[rnd.nextInt(SHARED_VALUES.length)];
          metrics.add(java.util.Arrays.asList(key, Double.toString(w), ts, (long) p));
        }
      }
    }
    r.put("metrics", metrics);

    Map<String, String> params = new LinkedHashMap<>();
    for (String key : PARAM_KEYS) {
      if (rnd.nextInt(100) >= 60) {
        continue;
      }
      String v;
      switch (key) {
        case "lr" -> v = pick(rnd, List.of("0.01", "0.001", "0.1", "1e-3", "0.01 "));
        case "opt" -> v = pick(rnd, List.of("adam", "Adam", "ADAM", "sgd", "adam's"));
        case "p_empty" -> v = "";
        default -> v = pick(rnd, SPECIAL_VALUES);
      }
      params.put(key, v);
    }
    r.put("params", params);

    Map<String, String> tags = new LinkedHashMap<>();
    for (String key : TAG_KEYS) {
      if (rnd.nextInt(100) >= 55) {
        continue;
      }
      String v = key.equals("env") ? pick(rnd, List.of("dev", "prod", "Prod", "staging", ""))
          : pick(rnd, SPECIAL_VALUES);
      tags.put(key, v);
    }
    if (global % 41 == 7) {
      // renamed through log-batch: the mlflow.runName tag is set in the same batch
      tags.put("mlflow.runName", "renamed-in-batch " + global);
    }
    r.put("tags", tags);
    r.put("datasets", List.of());
    return r;
  }

  static final List<String> TRACE_METADATA_KEYS = List.of(
      "user", "m.dot", "m space", "ü_meta", "m/slash", "and", "User");

  /**
   * Traces: request times on a coarse grid (ties), durations from 0 ms, OK and ERROR states, tags
   * and metadata with the special values, some on runs of their experiment ({@code
   * mlflow.sourceRun}), some in the deleted experiment; every fifth is logged at the current time
   * with a client request id. seed.py derives their spans and assessments from {@code spans} and
   * {@code assessments}.
   */
  private static List<Object> traces(Random rnd, List<Map<String, Object>> runs,
      List<String> runExp) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> t = new LinkedHashMap<>();
      String ek = pick(rnd, List.of("A", "A", "B", "C", "D", "E"));
      t.put("exp", ek);
      t.put("start", T0 + (i / 3) * 60_000L + (i % 7 == 0 ? 0 : rnd.nextInt(3) * 7L));
      t.put("duration", rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(5_000));
      t.put("error", rnd.nextInt(6) == 0);
      t.put("live", i % 5 == 4);
      t.put("client_request_id", i % 5 == 4 ? pick(rnd, SPECIAL_VALUES) + " " + i : null);
      Map<String, String> tags = new LinkedHashMap<>();
      for (String key : TAG_KEYS) {
        if (rnd.nextInt(100) < 40) {
          tags.put(key, key.equals("env") ? pick(rnd, List.of("dev", "prod", "Prod", ""))
              : pick(rnd, SPECIAL_VALUES));
        }
      }
      t.put("tags", tags);
      Map<String, String> metadata = new LinkedHashMap<>();
      for (String key : TRACE_METADATA_KEYS) {
        if (rnd.nextInt(100) < 40) {
          metadata.put(key, pick(rnd, SPECIAL_VALUES));
        }
      }
      if (rnd.nextInt(3) == 0) {
        List<Integer> sameExp = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
          if (runExp.get(r).equals(ek)) {
            sameExp.add(r);
          }
        }
        t.put("run", sameExp.isEmpty() ? null : sameExp.get(rnd.nextInt(sameExp.size())));
      }
      t.put("metadata", metadata);
      t.put("spans", 1 + rnd.nextInt(3));
      t.put("assessments", rnd.nextInt(3));
      out.add(t);
    }
    return out;
  }

  /** Artifacts of some runs of the small experiments: paths with the special characters. */
  private static List<Object> artifacts(Random rnd, List<Map<String, Object>> runs,
      List<String> runExp) {
    List<String> paths = List.of("model/MLmodel", "model/data/weights.bin", "it's.txt",
        "50%_done.csv", "ünï/ß.json", "a b/c d.txt", "empty.bin", "deep/er/still/file.txt");
    List<Object> out = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      if ((runExp.get(r).equals("D") || runExp.get(r).equals("E")) && r % 2 == 0) {
        int n = 1 + rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
          out.add(java.util.Arrays.asList(r, pick(rnd, paths), rnd.nextInt(3) == 0 ? 0
              : rnd.nextInt(5_000)));
        }
      }
    }
    return out;
  }

  private static List<Map<String, Object>> datasetPool() {
    List<Map<String, Object>> pool = new ArrayList<>();
    pool.add(ds("df-train", "d1a2", "s3", "{\"uri\": \"s3://b/train\"}",
        "{\"mlflow_colspec\": [{\"type\": \"double\", \"name\": \"x\"}]}", "{\"num_rows\": 10}"));
    pool.add(ds("df-eval", "e5f6", "local", "{\"uri\": \"/data/eval \\\"v2\\\".csv\"}", null,
        null));
    pool.add(ds("df-Eval", "E5F6", "local", "{\"uri\": \"/data/Eval.csv\"}", null, null));
    pool.add(ds("ds it's", "q1", "http", "{\"url\": \"https://x/it's\"}", null, null));
    pool.add(ds("ds 50%_x", "p_1", "s3", "{\"uri\": \"s3://b/50%_x\"}", null, null));
    pool.add(ds("ds ünï \uD83D\uDE80", "u1", "local", "{\"uri\": \"/ü\"}", null, null));
    pool.add(ds("df-train", "d1a3", "s3", "{\"uri\": \"s3://b/train2\"}", null, null));
    return pool;
  }

  private static Map<String, Object> ds(String name, String digest, String type, String source,
      String schema, String profile) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("digest", digest);
    m.put("source_type", type);
    m.put("source", source);
    m.put("schema", schema);
    m.put("profile", profile);
    return m;
  }

  static <T> T pick(Random rnd, List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }
}
