package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.ilike;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.isNull;
import static org.mlflowtables.core.predicate.Predicates.le;
import static org.mlflowtables.core.predicate.Predicates.like;
import static org.mlflowtables.core.predicate.Predicates.lt;
import static org.mlflowtables.core.predicate.Predicates.ne;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;

/**
 * Property test: no string, however quoted, changes the meaning of a filter. Nasty strings (quotes,
 * backticks, backslashes, SQL injection attempts, newlines, unicode, wildcards) are used as values
 * and keys on every endpoint; each is either kept by the engine or sent so that MLflow's own parser
 * (run once, in one Python process, over the whole batch) reads back exactly the clauses intended.
 */
class MlflowParserRoundTripIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NASTY = nastyStrings();
  private static final List<Case> CASES = new ArrayList<>();
  private static final Map<String, JsonNode> PARSED = new HashMap<>();
  private static int refused;

  /** One filter or order_by sent to a parser, with the clauses it must read back. */
  record Case(String id, String parser, String text, List<List<Object>> expected) {}

  /** Scenarios: a table, the parser of its endpoint, and a nasty predicate built from s. */
  record Scenario(TableDef table, String parser, Function<String, Predicate> make) {}

  private static final List<Scenario> SCENARIOS = List.of(
      new Scenario(Tables.RUNS, "runs", s -> eq(entry("params", s), s)),
      new Scenario(Tables.RUNS, "runs", s -> ne(col("run_name"), s)),
      new Scenario(Tables.RUNS, "runs", s -> like(entry("tags", "k"), s)),
      new Scenario(Tables.RUNS, "runs", s -> ilike(col("user_id"), s)),
      new Scenario(Tables.RUNS, "runs", s -> in(col("run_id"), s, "abc")),
      new Scenario(Tables.RUNS, "runs", s -> lt(entry("metrics", s), 1.5)),
      new Scenario(Tables.RUNS, "runs", s -> isNull(entry("tags", s))),
      new Scenario(Tables.RUNS, "runs", s -> Predicates.gt(entry("params", s), s)),
      new Scenario(Tables.EXPERIMENTS, "experiments", s -> in(entry("tags", s), s, "x")),
      new Scenario(Tables.RUN_INPUTS, "runs", s -> eq(col("dataset_name"), s)),
      new Scenario(Tables.EXPERIMENTS, "experiments", s -> eq(col("name"), s)),
      new Scenario(Tables.EXPERIMENTS, "experiments", s -> eq(entry("tags", s), s)),
      new Scenario(Tables.REGISTERED_MODELS, "registered_models", s -> in(col("name"), s, "m")),
      new Scenario(Tables.REGISTERED_MODELS, "registered_models", s -> ne(entry("tags", s), s)),
      new Scenario(Tables.MODEL_VERSIONS, "model_versions", s -> eq(col("source"), s)),
      new Scenario(Tables.MODEL_VERSIONS, "model_versions", s -> eq(entry("tags", s), s)),
      new Scenario(Tables.MODEL_VERSIONS, "model_versions", s -> like(col("name"), s)),
      new Scenario(Tables.LOGGED_MODELS, "logged_models", s -> eq(col("name"), s)),
      new Scenario(Tables.LOGGED_MODELS, "logged_models", s -> eq(entry("params", s), s)),
      new Scenario(Tables.LOGGED_MODELS, "logged_models", s -> le(entry("metrics", s), 2.0)),
      new Scenario(Tables.LOGGED_MODELS, "logged_models", s -> in(entry("tags", s), s, "b")),
      new Scenario(Tables.LOGGED_MODELS, "logged_models", s -> like(col("model_type"), s)));

  /** A harmless second conjunct of each table, to show nothing bleeds into the next clause. */
  private static Predicate neighbour(TableDef t) {
    switch (t.name()) {
      case "runs":
        return eq(col("status"), "FINISHED");
      case "run_inputs":
        return eq(col("run_id"), "r1");
      case "logged_models":
        return eq(col("model_id"), "m-1");
      default:
        return eq(col("name"), "after");
    }
  }

  static List<String> nastyStrings() {
    Set<String> out = new LinkedHashSet<>(List.of(
        "", "plain", "it's", "say \"hi\"", "it's \"both\"", "back\\slash", "ends\\", "\\", "\\'",
        "' OR '1'='1", "\" OR \"1\"=\"1", "') OR ('1'='1", "x' AND tags.`a` = 'b", "`", "a`b",
        "``", "line1\nline2", "\r\n", "\t", "-- comment", "/* c */", ";", "%", "_", "%_%", "50%",
        "a_b", "[ab]", "$$", "$tag$x$tag$", "?", "%s", ":name", "\u00e9t\u00e9", "\u0130stanbul",
        "\u212Aelvin", "\uD83D\uDE00", "\u65E5\u672C\u8A9E", "nul\u0000", "half\uD800", "a\u2028b",
        "NULL", "null", "AND", "IN", "(", ")", "('a')", "'", "\"", "''", "\"\"", "a''b",
        "  spaced  ", "1.5", "-1", "1e10", "tags.x = 'y'", "\\\\", "\\n", "\u007f", "\u0085",
        "mlflow.runName", "a.b", "a b", "select", "in", "order by", "'; DROP TABLE runs; --",
        "nbsp\u00a0", "\u3000ideographic", "'q'", "\"q\"", "`q`", " lead", "trail\t"));
    String[] pieces = {"'", "\"", "`", "\\", "%", "_", " ", "a", "Z", "0", "\n", "\u00e9",
        "\uD83D\uDE00", "(", ")", ",", ";", "-", "/", "*", "=", "$", "AND", "OR", "IN", "NOT",
        "NULL", "K", "\u0130", "."};
    Random random = new Random(20240611L);
    while (out.size() < 170) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(7);
      for (int i = 0; i < n; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      out.add(sb.toString());
    }
    return List.copyOf(out);
  }

  @BeforeAll
  static void parseEverythingOnce() throws Exception {
    int id = 0;
    for (String s : NASTY) {
      for (Scenario sc : SCENARIOS) {
        Predicate nasty = sc.make().apply(s);
        Translation t = Translators.forTable(sc.table())
            .translate(List.of(nasty, neighbour(sc.table())));
        if (!t.pushed().contains(nasty) || t.filter() == null) {
          refused++;
          assertTrue(t.residual().contains(nasty), "refused but not residual: " + nasty);
          continue;
        }
        List<List<Object>> expected = new ArrayList<>();
        for (FilterClause c : t.clauses()) {
          List<Object> e = new ArrayList<>();
          e.add(c.entity());
          e.add(c.key());
          e.add(c.op());
          e.add(c.value());
          expected.add(e);
        }
        CASES.add(new Case("f" + id++, sc.parser(), t.filter(), expected));
      }
      new SortKeys(s).addTo(CASES, id++);
    }
    ArrayNode batch = JSON.createArrayNode();
    for (Case c : CASES) {
      ObjectNode o = batch.addObject();
      o.put("id", c.id());
      o.put("parser", c.parser());
      o.put("text", c.text());
    }
    JsonNode results = JSON.readTree(
        MlflowPython.run("parse_filters.py", JSON.writeValueAsString(batch)));
    for (JsonNode r : results) {
      PARSED.put(r.get("id").asText(), r);
    }
  }

  /** ORDER BY a metric named s: the key must read back as s, with the tie-breaks after it. */
  record SortKeys(String key) {
    void addTo(List<Case> cases, int id) {
      var order = Translators.runs(Tables.RUNS, PushdownOptions.PORTABLE).orderBy(List.of(new SortKey(entry("metrics", key), true, false)));
      if (order.isEmpty()) {
        refused++;
        return;
      }
      List<List<Object>> first = List.of(List.of("metric", key, true));
      cases.add(new Case("o" + id, "order_by_runs", order.get().get(0), first));
      cases.add(new Case("t" + id, "order_by_runs", order.get().get(2),
          List.of(List.of("attribute", "run_id", true))));
    }
  }

  @Test
  void everySentFilterReadsBackAsExactlyTheIntendedClauses() {
    List<String> failures = new ArrayList<>();
    for (Case c : CASES) {
      JsonNode r = PARSED.get(c.id());
      if (r == null || r.has("error")) {
        failures.add(c.parser() + " " + JSON.valueToTree(c.text()) + " -> "
            + (r == null ? "no result" : r.get("error").asText()));
        continue;
      }
      if (!matches(c.expected(), r.get("parsed"))) {
        failures.add(c.parser() + " " + JSON.valueToTree(c.text()) + " -> " + r.get("parsed")
            + " expected " + JSON.valueToTree(c.expected()));
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + CASES.size() + " filters changed "
        + "meaning:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
  }

  @Test
  void mostNastyStringsAreStillSentSoTheTestIsNotVacuous() {
    assertTrue(CASES.size() > 1500, "only " + CASES.size() + " cases sent, " + refused + " refused");
  }

  @Test
  void apostrophesAreSentInDoubleQuotesWhereTheParserAllows() {
    Translation t = Translators.runs(Tables.RUNS, PushdownOptions.PORTABLE).translate(List.of(eq(entry("params", "k"), "it's")));
    assertEquals("params.`k` = \"it's\"", t.filter());
    assertEquals(List.of(), t.residual());
  }

  private static boolean matches(List<List<Object>> expected, JsonNode parsed) {
    if (parsed == null || parsed.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      JsonNode a = parsed.get(i);
      if (a.size() != e.size()) {
        return false;
      }
      for (int j = 0; j < e.size(); j++) {
        if (!same(e.get(j), a.get(j))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean same(Object expected, JsonNode actual) {
    if (expected == null) {
      return actual.isNull();
    }
    if (expected instanceof String s) {
      return actual.isTextual() && actual.asText().equals(s);
    }
    if (expected instanceof Boolean b) {
      return actual.isBoolean() && actual.asBoolean() == b;
    }
    if (expected instanceof Number n) {
      return actual.isNumber() && actual.asDouble() == n.doubleValue();
    }
    if (expected instanceof List<?> list) {
      if (!actual.isArray() || actual.size() != list.size()) {
        return false;
      }
      for (int i = 0; i < list.size(); i++) {
        if (!same(list.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
