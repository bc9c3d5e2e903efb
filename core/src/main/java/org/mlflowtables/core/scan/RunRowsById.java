package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.Source;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.predicate.FilterStrings;
import org.mlflowtables.core.predicate.Predicate;

/**
 * The rows of a table read from runs ({@link Source#RUNS}) for runs named by id, as they are now:
 * one search-runs per 100 runs ({@code attributes.run_id IN (...)} and the caller's filter), the
 * rows that pass every residual conjunct. A named run that no longer matches (deleted, or its
 * tags changed) gives no row.
 */
public final class RunRowsById {
  private RunRowsById() {}

  /**
   * Opens the rows.
   *
   * @param runs run id to its experiment id
   * @param filter an MLflow filter string ANDed to the ids, or null
   */
  @SuppressWarnings("unchecked") // the table's source delivers Run (TableBuilder)
  public static RowIterator open(TableDef table, Map<String, String> runs, String filter,
      ViewType view, List<Predicate> residual, MlflowClient client) {
    if (table.read().source() != Source.RUNS) {
      throw new IllegalArgumentException(table.name() + " is not read from search-runs");
    }
    RowMapper<Run> mapper = (RowMapper<Run>) table.read().rows();
    MlflowClient own = client.withNewStats();
    ScanCounters counters = new ScanCounters(own.stats());
    int pageSize = own.config().pageSizeFor(MlflowClient.DEFAULT_RUNS_PAGE,
        MlflowClient.MAX_RUNS_PAGE);
    List<String> ids = new ArrayList<>(new TreeSet<>(runs.keySet()));
    List<List<String>> chunks = ExperimentIds.chunks(ids);
    Iterator<List<Run>> pages = new RunsScan.ChainedIterator<>(chunks.iterator(), chunk -> {
      String byId = "attributes.run_id IN " + FilterStrings.quoteList(chunk).orElseThrow(
          () -> new IllegalArgumentException("run ids that cannot be quoted: " + chunk));
      String f = filter == null ? byId : filter + " AND " + byId;
      List<String> experiments = new ArrayList<>(new TreeSet<>(
          chunk.stream().map(runs::get).toList()));
      return new RunPages(own, experiments, new RunsQuery(f, view, List.of(), null), pageSize,
          counters);
    });
    Iterator<Object[]> rows = new RunsScan.ChainedIterator<>(pages, page -> {
      List<Object[]> out = new ArrayList<>();
      for (Run run : page) {
        int from = out.size();
        mapper.addRows(run, out);
        Residuals.keepMatching(table, residual, out, from);
      }
      return out.iterator();
    });
    return new ScanPlan.CountingRows(rows, counters, new Resources());
  }
}
