package org.mlflowtables.core.differential;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.CompareOp;
import org.mlflowtables.core.predicate.Comparison;
import org.mlflowtables.core.predicate.In;
import org.mlflowtables.core.predicate.IsNotNull;
import org.mlflowtables.core.predicate.IsNull;
import org.mlflowtables.core.predicate.Like;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.Not;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.Translators;
import org.mlflowtables.core.scan.ScanPlanner;
import org.mlflowtables.core.scan.ScanRequest;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * The mismatches {@link PushdownDifferentialIT} found, each shrunk to a minimal request on the
 * differential data set (or, for the last one, a few runs of its own). Each test states the rows
 * SQL gives without push-down and fails while push-down gives others.
 */
@ExtendWith(MlflowServerExtension.class)
class PushdownRegressionIT {
  private static MlflowServer server;
  private static DiffData.Seeded data;
  private static Differential diff;

  @BeforeAll
  static void seed(MlflowServer s) {
    server = s;
    data = DiffData.seed(s);
    diff = new Differential(s.uri(), data);
  }

  private static void assertSameRows(String table, ViewType view, List<Predicate> filters,
      boolean scoped) {
    Differential.Outcome o = diff.check(table, view, filters, List.of(), null, scoped);
    assertTrue(o.ok(), () -> Differential.describe(Tables.get(table), view,
        new Differential.Shrunk(filters, List.of(), null, o, 0)));
  }

  private static Predicate experimentIs(String key) {
    return new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
        new Literal(data.id(key)));
  }

  /**
   * Translator: {@code <map> IS [NOT] NULL} on a whole map column reaches the translators'
   * {@code target()}, which casts every reference of a map column to {@code MapEntryRef}, so
   * planning throws a ClassCastException (ExperimentsTranslator.target, RunsTranslator.runsTarget,
   * RegistryTranslator.target, LoggedModelsTranslator.target). The predicate is valid
   * (PredicateValidator accepts it) and must simply stay with the engine.
   */
  @ParameterizedTest(name = "{0}.{1} {2}")
  @CsvSource({
    "experiments, tags, IS NULL",
    "runs, metrics, IS NOT NULL",
    "runs, params, IS NULL",
    "runs, tags, IS NOT NULL",
    "registered_models, tags, IS NOT NULL",
    "registered_models, aliases, IS NULL",
    "model_versions, tags, IS NULL",
    "logged_models, tags, IS NOT NULL",
    "logged_models, params, IS NULL",
    "logged_models, metrics, IS NOT NULL",
    "run_inputs, tags, IS NULL"})
  void wholeMapIsNullIsKeptByTheEngine(String table, String column, String op) {
    ColumnRef ref = new ColumnRef(column);
    Predicate p = op.equals("IS NULL") ? new IsNull(ref) : new IsNotNull(ref);
    TableDef def = Tables.get(table);
    assertDoesNotThrow(() -> Translators.forTable(def).translate(List.of(p)),
        "translating " + p.sql() + " on " + table);
    boolean experimentScoped = def.findColumn("experiment_id").isPresent()
        && !def.equals(Tables.EXPERIMENTS);
    List<Predicate> filters = experimentScoped ? List.of(experimentIs("D"), p) : List.of(p);
    assertSameRows(table, ViewType.ALL, filters, experimentScoped);
  }

  /**
   * Translator (AbstractTranslator.translateConjunct): {@code x NOT IN ('a', 'a')} is planned as
   * contradictory ("no rows"). The NULL check compares the size of the de-duplicated non-NULL
   * values with the size of the list, so a repeated value looks like a NULL in the list.
   * Expected: every row whose x is not 'a'.
   */
  @Test
  void notInWithARepeatedValueIsNotAContradiction() {
    Predicate notIn = new Not(new In(new ColumnRef("name"),
        List.of(new Literal("df-alpha"), new Literal("df-alpha"))));
    assertFalse(ScanPlanner.plan(diff.config(ViewType.ALL, true),
        new ScanRequest("experiments", List.of(notIn), List.of(), null)).describe()
        .contains("no request"), "NOT IN ('df-alpha', 'df-alpha') planned as no rows");
    assertSameRows("experiments", ViewType.ALL, List.of(notIn), false);
    assertSameRows("runs", ViewType.ALL, List.of(experimentIs("A"),
        new Not(new In(new MapEntryRef("params", "opt"),
            List.of(new Literal("adam"), new Literal("adam"))))), true);
  }

  /**
   * Translator (AbstractTranslator.CANONICAL_ID accepts up to 19 digits): an experiment id above
   * Long.MAX_VALUE is sent, and the server fails with HTTP 500 "Python int too large to convert to
   * SQLite INTEGER" (search-runs, search-logged-models, get-experiment). No experiment has that id:
   * the answer is no rows.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"runs", "metrics", "experiments", "logged_models"})
  void anExperimentIdBeyondSqliteIntegersGivesNoRows(String table) {
    assertSameRows(table, ViewType.ALL, List.of(new Comparison(new ColumnRef("experiment_id"),
        CompareOp.EQ, new Literal("9223372036854775808"))), true);
  }

  /**
   * PostgreSQL (found by PushdownDifferentialIT on a PostgreSQL store): MLflow's SQL stores keep
   * experiment ids in an INTEGER column; SQLite's is 64-bit and finds no such experiment, while
   * PostgreSQL's is 32-bit and fails the search with HTTP 400 "integer out of range". No
   * experiment of a SQL store has such an id: the answer is no rows, on every store.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"runs", "metrics", "run_inputs", "logged_models", "logged_model_metrics"})
  void anExperimentIdBeyondThirtyTwoBitsGivesNoRows(String table) {
    assertSameRows(table, ViewType.ALL, List.of(new Comparison(new ColumnRef("experiment_id"),
        CompareOp.EQ, new Literal("9223372036854775807"))), true);
    assertSameRows(table, ViewType.ALL, List.of(new In(new ColumnRef("experiment_id"),
        List.of(new Literal(data.id("A")), new Literal("2147483648")))), true);
  }

  /**
   * PostgreSQL: model version numbers are an INTEGER column too, so {@code version > -2^63}
   * fails there with HTTP 400 "integer out of range" (SQLite compares). Expected: every version.
   */
  @Test
  void aVersionBoundBeyondThirtyTwoBitsIsKeptByTheEngine() {
    assertSameRows("model_versions", ViewType.ALL, List.of(new Comparison(
        new ColumnRef("version"), CompareOp.GT, new Literal(Long.MIN_VALUE))), false);
    assertSameRows("model_versions", ViewType.ALL, List.of(new Comparison(
        new ColumnRef("version"), CompareOp.LT, new Literal(1L << 31))), false);
  }

  /**
   * Scan (EntityRows.run reads run_name from the run info) against translator (which sends
   * {@code attributes.run_name}, evaluated by MLflow's SQL store on the {@code mlflow.runName}
   * tag): after {@code delete_tag(run, "mlflow.runName")} the run still has its name, but no
   * pushed run_name predicate (=, !=, LIKE, ILIKE) matches it any more. RunsTranslator's own
   * javadoc asks the reader to read run_name from the tag (NULL without it); either that, or
   * run_name must not be pushed as exact.
   */
  @Test
  void aRunWhoseRunNameTagWasDeletedKeepsMatchingItsName() {
    String runId = data.runIds().get(5); // seeded with its mlflow.runName tag deleted
    Object[] row = diff.full("runs", ViewType.ALL).stream().filter(r -> r[0].equals(runId))
        .findFirst().orElseThrow();
    String name = (String) row[1];
    assertFalse(((Map<?, ?>) row[11]).containsKey("mlflow.runName"), "tag deleted");
    ColumnRef runName = new ColumnRef("run_name");
    assertSameRows("runs", ViewType.ALL, List.of(experimentIs("A"),
        new Comparison(runName, CompareOp.EQ, new Literal(name))), true);
    assertSameRows("runs", ViewType.ALL, List.of(experimentIs("A"),
        new Comparison(runName, CompareOp.NE, new Literal("no such name"))), true);
    assertSameRows("runs", ViewType.ALL, List.of(experimentIs("A"),
        new Like(runName, "%", false)), true);
  }

  /**
   * Scan against catalogue: MLflow stores '' as the run_id of a version created without a run;
   * EntityRows.modelVersion reads '' as NULL (emptyToNull), while Tables.MODEL_VERSIONS declares
   * {@code run_id} != exact. So {@code run_id <> 'x'} is unknown for such a version in the table,
   * but search-model-versions' {@code run_id != 'x'} returns it (and {@code run_id = ''} would
   * return versions whose run_id the table shows as NULL).
   */
  @Test
  void modelVersionsRunIdNotEqualSkipsVersionsWithoutARun() {
    assertSameRows("model_versions", ViewType.ALL, List.of(new Comparison(
        new ColumnRef("run_id"), CompareOp.NE, new Literal("no-such-run"))), false);
  }

  /**
   * The same for logged models: one created without a model type or source run has '' in the
   * server's columns, which EntityRows.loggedModel reads as NULL (emptyToNull), while
   * Tables.LOGGED_MODELS declares {@code model_type} and {@code source_run_id} != (and NOT IN)
   * exact. search-logged-models' {@code model_type != 'x'} then returns the model whose
   * model_type the table shows as NULL.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"model_type", "source_run_id"})
  void loggedModelsWithoutTypeOrSourceRunDoNotMatchNotEqual(String column) {
    assertSameRows("logged_models", ViewType.ALL, List.of(experimentIs("B"),
        new Comparison(new ColumnRef(column), CompareOp.NE, new Literal("no-such-value"))), true);
  }

  /**
   * Scan (LoggedModelsScan / ExperimentIds.all): without an experiment predicate the logged-model
   * tables cover the active experiments only, but {@code experiment_id = <a deleted experiment>}
   * searches it and returns its models, which the table does not otherwise contain.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"logged_models", "logged_model_metrics"})
  void loggedModelsOfADeletedExperimentAppearOnlyWhenItIsNamed(String table) {
    assertSameRows(table, ViewType.ALL, List.of(experimentIs("E")), true);
  }

  /**
   * Scan (RunsScan / ExperimentIds.all(ACTIVE_ONLY)): MLflow lets a run of a deleted experiment be
   * restored. With viewType ACTIVE_ONLY the runs table lists the runs of active experiments only,
   * so the restored run is not in it, yet {@code experiment_id = <that experiment>} searches the
   * deleted experiment and returns it.
   */
  @Test
  void anActiveRunOfADeletedExperimentAppearsOnlyWhenTheExperimentIsNamed() {
    MlflowClient client = diff.client();
    String exp = client.createExperiment("dfr-restored-run", null, Map.of());
    String runId = client.createRun(exp, "restored", 1_700_000_000_000L, Map.of()).info().runId();
    client.deleteExperiment(exp);
    client.restoreRun(runId);
    Differential fresh = new Differential(server.uri(), data); // a full scan taken now
    Predicate scope = new Comparison(new ColumnRef("experiment_id"), CompareOp.EQ,
        new Literal(exp));
    Differential.Outcome o = fresh.check("runs", ViewType.ACTIVE_ONLY, List.of(scope), List.of(),
        null, true);
    assertTrue(o.ok(), () -> Differential.describe(Tables.RUNS, ViewType.ACTIVE_ONLY,
        new Differential.Shrunk(List.of(scope), List.of(), null, o, 0)));
  }
}
