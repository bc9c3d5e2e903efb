package org.mlflowtables.core.stream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateParser;
import org.mlflowtables.core.predicate.Translation;
import org.mlflowtables.core.predicate.Translators;

/**
 * What a stream reads, decided as a batch read decides it: its {@code where} (on the streamed
 * table) and {@code runsWhere} (on the runs table) translated by the tables' translators, so that
 * what MLflow evaluates reaches search-runs and the rest is applied here, never by the engine.
 *
 * @param experimentIds the experiments searched, or null for every experiment
 * @param filter the MLflow filter string of search-runs, or null
 * @param keys the metric keys read, or null for every key
 * @param runResidual conjuncts on the runs table that a run must pass to be followed
 * @param rowResidual conjuncts on the streamed table that a row must pass to be emitted
 * @param noRows the conditions cannot hold together: nothing is ever emitted
 */
record StreamScope(List<String> experimentIds, String filter, Set<String> keys,
    List<Predicate> runResidual, List<Predicate> rowResidual, boolean noRows)
    implements Serializable {
  StreamScope {
    experimentIds = experimentIds == null ? null : List.copyOf(experimentIds);
    keys = keys == null ? null : Set.copyOf(keys);
    runResidual = List.copyOf(runResidual);
    rowResidual = List.copyOf(rowResidual);
  }

  /**
   * The scope of a stream of {@code table}.
   *
   * @param pushDown whether MLflow evaluates what it can (the {@code pushDown} setting)
   * @param followsRuns whether the stream follows runs, which {@code runsWhere} then chooses
   */
  static StreamScope of(TableDef table, StreamSettings settings, boolean pushDown,
      boolean followsRuns) {
    Translation rows = translate(table, settings.where(), pushDown);
    Translation runs = Translation.none(List.of());
    if (settings.runsWhere() != null) {
      if (!followsRuns) {
        throw new ConfigException("Option '" + StreamSettings.RUNS_WHERE + "' chooses the runs"
            + " a history stream follows; a stream of " + table.name() + " takes its condition"
            + " in '" + StreamSettings.WHERE + "'");
      }
      runs = translate(Tables.RUNS, settings.runsWhere(), pushDown);
    }
    List<String> experiments = intersect(rows.experimentIds(), runs.experimentIds());
    String filter = and(rows.filter(), runs.filter());
    boolean noRows = rows.noRows() || runs.noRows()
        || experiments != null && experiments.isEmpty();
    return new StreamScope(experiments, filter, rows.keys().orElse(null), runs.residual(),
        rows.residual(), noRows);
  }

  private static Translation translate(TableDef table, String where, boolean pushDown) {
    if (where == null) {
      return Translation.none(List.of());
    }
    List<Predicate> conjuncts = List.of(PredicateParser.parse(table, where));
    return pushDown ? Translators.forTable(table).translate(conjuncts)
        : Translation.none(conjuncts);
  }

  private static List<String> intersect(Optional<Set<String>> a, Optional<Set<String>> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return null;
    }
    Set<String> ids = new TreeSet<>(a.orElseGet(() -> b.get()));
    b.ifPresent(ids::retainAll);
    return new ArrayList<>(ids);
  }

  private static String and(String a, String b) {
    return a == null ? b : b == null ? a : a + " AND " + b;
  }

  /** A clause ANDed to the filter. */
  String filterAnd(String clause) {
    return and(filter, clause);
  }

  /** Whether the stream reads this metric key. */
  boolean readsKey(String key) {
    return keys == null || keys.contains(key);
  }

  /** What is sent and what is applied here, for plans (no secrets). */
  String describe() {
    if (noRows) {
      return "no rows (contradictory conditions)";
    }
    return "experiments=" + (experimentIds == null ? "all" : experimentIds)
        + ", filter=" + (filter == null ? "none" : filter)
        + (keys == null ? "" : ", keys=" + new TreeSet<>(keys))
        + (runResidual.isEmpty() ? "" : ", runs kept if " + runResidual)
        + (rowResidual.isEmpty() ? "" : ", rows kept if " + rowResidual);
  }
}
