package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.EqualityValues;
import org.mlflowtables.core.predicate.Literal;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PushdownOptions;
import org.mlflowtables.core.predicate.SortKey;
import org.mlflowtables.core.predicate.TableTranslator;
import org.mlflowtables.core.predicate.Translation;
import org.mlflowtables.core.predicate.Translators;

/**
 * Decides, for one engine request, what MLflow evaluates and how the table is fetched. The single
 * place both connectors ask; it sends no request.
 */
public final class ScanPlanner {
  private ScanPlanner() {}

  /**
   * Plans a scan.
   *
   * @throws org.mlflowtables.core.exceptions.UnknownTableException for an unknown table
   * @throws org.mlflowtables.core.exceptions.UnknownColumnException for an unknown column
   */
  public static ScanPlan plan(MlflowConfig config, ScanRequest request) {
    TableDef table = Tables.get(request.table());
    for (SortKey key : request.orderBy()) {
      table.index(key.ref().column()); // an unknown column fails here, named, LIMIT or not
    }
    TableTranslator<?> translator = Translators.forTable(table, PushdownOptions.PORTABLE);
    Translation t = translator.translate(request.filters());
    if (!config.pushDown()) {
      t = Translation.none(request.filters());
    }
    // ORDER BY and LIMIT reach the server only when it returns exactly the rows asked for.
    List<SortKey> pushedOrder = List.of();
    List<?> order = List.of();
    Long limit = null;
    boolean rowPerEntity = table == Tables.RUNS || table == Tables.EXPERIMENTS
        || table == Tables.REGISTERED_MODELS || table == Tables.MODEL_VERSIONS
        || table == Tables.LOGGED_MODELS;
    if (config.pushDown() && rowPerEntity && request.limit() != null && t.complete()) {
      if (request.orderBy().isEmpty()) {
        limit = request.limit();
      } else {
        Optional<? extends List<?>> o = translator.orderBy(request.orderBy());
        if (o.isPresent()) {
          order = o.get();
          pushedOrder = request.orderBy();
          limit = request.limit();
        }
      }
    }
    Optional<RunIdLookup> byId = config.pushDown() && !t.noRows()
        && t.experimentIds().isEmpty() && RUN_TABLES.containsKey(table.name())
        ? RunIdLookup.find(request.filters()) : Optional.empty();
    if (byId.isPresent()) {
      // Named runs: one get-run each beats listing every experiment to search them. get-run
      // applies no filter, so everything but the run-id conjunct stays with the engine.
      RunIdLookup lookup = byId.get();
      List<Predicate> residual = new ArrayList<>(request.filters());
      residual.remove(lookup.conjunct());
      TableScan scan = new RunsScan(RUN_TABLES.get(table.name()),
          new RunsQuery(null, config.viewType(), List.of(), null), null,
          table == Tables.METRICS ? t.keys().orElse(null) : null, lookup.runIds());
      return new ScanPlan(table, scan, List.of(lookup.conjunct()), residual, List.of(), null);
    }
    TableScan scan = t.noRows() || Long.valueOf(0).equals(limit) ? new EmptyScan()
        : scanFor(table, t, config.viewType(), order, limit);
    return new ScanPlan(table, scan, t.pushed(), t.residual(), pushedOrder, limit);
  }

  private static final Map<String, RunsScan.Shape> RUN_TABLES = Map.of(
      "runs", RunsScan.Shape.RUNS, "latest_metrics", RunsScan.Shape.LATEST_METRICS,
      "params", RunsScan.Shape.PARAMS, "tags", RunsScan.Shape.TAGS,
      "run_inputs", RunsScan.Shape.RUN_INPUTS, "metrics", RunsScan.Shape.METRICS);

  /** A {@code run_id = / IN} conjunct of string literals, and the ids it names. */
  private record RunIdLookup(Predicate conjunct, List<String> runIds) {
    static Optional<RunIdLookup> find(List<Predicate> conjuncts) {
      for (Predicate p : conjuncts) {
        Optional<List<Literal>> values = EqualityValues.of(p, "run_id", false);
        if (values.isPresent() && values.get().stream().allMatch(v -> v.value() instanceof String)) {
          return Optional.of(new RunIdLookup(p,
              values.get().stream().map(v -> (String) v.value()).distinct().sorted().toList()));
        }
      }
      return Optional.empty();
    }
  }

  @SuppressWarnings("unchecked")
  private static TableScan scanFor(TableDef table, Translation t, ViewType view, List<?> order,
      Long limit) {
    List<String> experimentIds = t.experimentIds().map(ScanPlanner::sorted).orElse(null);
    Set<String> keys = t.keys().orElse(null);
    String filter = t.filter();
    switch (table.name()) {
      case "experiments":
        return new ExperimentsScan(filter, view, (List<String>) order, limit, experimentIds);
      case "runs":
        return runs(RunsScan.Shape.RUNS, filter, view, (List<String>) order, limit,
            experimentIds, null);
      case "latest_metrics":
        return runs(RunsScan.Shape.LATEST_METRICS, filter, view, List.of(), null, experimentIds,
            null);
      case "params":
        return runs(RunsScan.Shape.PARAMS, filter, view, List.of(), null, experimentIds, null);
      case "tags":
        return runs(RunsScan.Shape.TAGS, filter, view, List.of(), null, experimentIds, null);
      case "run_inputs":
        return runs(RunsScan.Shape.RUN_INPUTS, filter, view, List.of(), null, experimentIds,
            null);
      case "metrics":
        return runs(RunsScan.Shape.METRICS, filter, view, List.of(), null, experimentIds, keys);
      case "registered_models":
        return new RegistryScan(RegistryScan.Kind.REGISTERED_MODELS, filter,
            (List<String>) order, limit);
      case "model_versions":
        return new RegistryScan(RegistryScan.Kind.MODEL_VERSIONS, filter, (List<String>) order,
            limit);
      case "logged_models":
        return new LoggedModelsScan(table.name(), false, filter,
            (List<LoggedModelOrderBy>) order, limit, experimentIds);
      case "logged_model_metrics":
        return new LoggedModelsScan(table.name(), true, filter, List.of(), null, experimentIds);
      default:
        throw new IllegalStateException("no scan for table " + table.name());
    }
  }

  private static TableScan runs(RunsScan.Shape shape, String filter, ViewType view,
      List<String> order, Long limit, List<String> experimentIds, Set<String> keys) {
    return new RunsScan(shape, new RunsQuery(filter, view, order, limit), experimentIds, keys,
        null);
  }

  private static List<String> sorted(Set<String> ids) {
    List<String> list = new ArrayList<>(ids);
    list.sort(null);
    return list;
  }
}
