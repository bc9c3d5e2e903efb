package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlflowtables.core.catalog.AliasedVersion;
import org.mlflowtables.core.catalog.ReadBinding;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.RunArtifact;
import org.mlflowtables.core.catalog.RunMetric;
import org.mlflowtables.core.catalog.Source;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.TraceSpan;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.client.model.TraceInfo;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;
import org.mlflowtables.core.predicate.Translation;

/**
 * The scan of each {@link Source}: the one place that knows how a source is fetched. A table brings
 * its own row mapping ({@link ReadBinding}); the scan brings the requests.
 */
final class Sources {
  private Sources() {}

  /**
   * The source to read: the table's, or its cheaper shortcut when some conjunct rejects every row
   * the shortcut misses (such a conjunct is false or unknown on them, whatever their other values).
   */
  static Source<?> choose(TableDef table, List<Predicate> conjuncts) {
    ReadBinding.Shortcut<?> shortcut = table.read().shortcut();
    if (shortcut != null) {
      for (Predicate p : conjuncts) {
        if (rejectsEvery(table, p, shortcut.missed())) {
          return shortcut.source();
        }
      }
    }
    return table.read().source();
  }

  private static boolean rejectsEvery(TableDef table, Predicate p, Map<String, Object> missed) {
    try {
      return !Boolean.TRUE.equals(PredicateEvaluator.evaluate(p, column -> {
        String name = table.column(column).name();
        if (!missed.containsKey(name)) {
          throw new Undecided();
        }
        return missed.get(name);
      }));
    } catch (RuntimeException e) {
      return false; // the predicate reads a value the missed rows do not share
    }
  }

  /** A value that differs among the missed rows: the predicate may hold for some. */
  private static final class Undecided extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Undecided() {
      super(null, null, false, false);
    }
  }

  /** The search of the source, with what the translation pushes. */
  @SuppressWarnings("unchecked") // a binding's mapper takes its source's entities (TableBuilder)
  static TableScan scan(TableDef table, Source<?> source, Translation t, ViewType view,
      List<?> order, Long limit) {
    List<String> experimentIds = t.experimentIds().map(ids -> sorted(ids)).orElse(null);
    String filter = t.filter();
    RowMapper<?> rows = table.read().rows();
    return switch (source.kind()) {
      case EXPERIMENTS -> new ExperimentsScan((RowMapper<Experiment>) rows, filter, view,
          (List<String>) order, limit, experimentIds);
      case RUNS, RUNS_IN_FULL, METRIC_HISTORY, RUN_ARTIFACTS -> new RunsScan(
          expansion(source, rows, t.keys().orElse(null)),
          new RunsQuery(filter, view, (List<String>) order, limit), experimentIds, null);
      case REGISTERED_MODELS -> RegistryScan.models((RowMapper<RegisteredModel>) rows, filter,
          (List<String>) order, limit);
      case MODEL_VERSIONS -> RegistryScan.versions((RowMapper<AliasedVersion>) rows, filter,
          (List<String>) order, limit);
      case LOGGED_MODELS -> new LoggedModelsScan(table.name(), (RowMapper<LoggedModel>) rows,
          filter, (List<LoggedModelOrderBy>) order, limit, experimentIds);
      case TRACES -> new TracesScan(table.name(), TraceExpansion.each((RowMapper<TraceInfo>) rows),
          filter, (List<String>) order, limit, experimentIds);
      case TRACE_SPANS -> new TracesScan(table.name(),
          TraceExpansion.spans((RowMapper<TraceSpan>) rows), filter, (List<String>) order, limit,
          experimentIds);
    };
  }

  /** One get-run per named run instead of a search (sources read from runs only). */
  static TableScan byRunId(TableDef table, Source<?> source, Set<String> keys, ViewType view,
      List<String> runIds) {
    return new RunsScan(expansion(source, table.read().rows(), keys),
        new RunsQuery(null, view, List.of(), null), null, runIds);
  }

  @SuppressWarnings("unchecked")
  private static RunExpansion expansion(Source<?> source, RowMapper<?> rows, Set<String> keys) {
    return switch (source.kind()) {
      case RUNS -> RunExpansion.each((RowMapper<Run>) rows);
      case RUNS_IN_FULL -> RunExpansion.inFull((RowMapper<Run>) rows);
      case METRIC_HISTORY -> RunExpansion.histories((RowMapper<RunMetric>) rows, keys);
      case RUN_ARTIFACTS -> RunExpansion.artifacts((RowMapper<RunArtifact>) rows);
      default -> throw new IllegalArgumentException(source + " is not read from runs");
    };
  }

  private static List<String> sorted(Set<String> ids) {
    List<String> list = new ArrayList<>(ids);
    list.sort(null);
    return list;
  }
}
