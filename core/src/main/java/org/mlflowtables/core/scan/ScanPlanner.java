package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlflowtables.core.catalog.Endpoint;
import org.mlflowtables.core.catalog.Source;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.predicate.Conjuncts;
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
    if (config.pushDown() && table.onePerEntity() && request.limit() != null && t.complete()) {
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
    Source<?> source = Sources.choose(table, Conjuncts.normalize(request.filters()));
    Optional<RunIdLookup> byId = config.pushDown() && !t.noRows()
        && t.experimentIds().isEmpty() && source.endpoint() == Endpoint.SEARCH_RUNS
        ? RunIdLookup.find(request.filters()) : Optional.empty();
    if (byId.isPresent()) {
      // Named runs: one get-run each beats listing every experiment to search them. get-run
      // applies no filter, so everything but the run-id conjunct stays with the engine.
      RunIdLookup lookup = byId.get();
      List<Predicate> residual = new ArrayList<>(request.filters());
      residual.remove(lookup.conjunct());
      TableScan scan = Sources.byRunId(table, source, t.keys().orElse(null),
          config.viewType(), lookup.runIds());
      return new ScanPlan(table, scan, List.of(lookup.conjunct()), residual, List.of(), null);
    }
    TableScan scan = t.noRows() || Long.valueOf(0).equals(limit) ? new EmptyScan()
        : Sources.scan(table, source, t, config.viewType(), order, limit);
    return new ScanPlan(table, scan, t.pushed(), t.residual(), pushedOrder, limit);
  }

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
}
