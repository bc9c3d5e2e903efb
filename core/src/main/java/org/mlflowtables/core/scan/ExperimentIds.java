package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Experiment;
import org.mlflowtables.core.client.model.SearchExperimentsRequest;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/** Enumerates and groups experiment ids for scans that span "all experiments". */
final class ExperimentIds {
  /** Most experiment ids one search request names. */
  static final int PER_REQUEST = 100;

  private ExperimentIds() {}

  /**
   * Every experiment, deleted ones included: the view type applies to the runs (or models) scanned,
   * so a scan without an experiment predicate gives exactly the rows that naming every experiment
   * would (an active run can sit in a deleted experiment once restored).
   */
  static List<String> all(MlflowClient client, ScanCounters counters) {
    ViewType experiments = ViewType.ALL;
    int pageSize = client.config().pageSizeFor(MlflowClient.MAX_RUNS_PAGE);
    Iterator<Experiment> it = Pages.items(token -> {
      counters.page();
      return client.searchExperiments(
          new SearchExperimentsRequest(null, experiments, pageSize, List.of(), token));
    });
    List<String> ids = new ArrayList<>();
    it.forEachRemaining(e -> ids.add(e.experimentId()));
    ids.sort(null);
    return ids;
  }

  /**
   * The named experiments the server may hold. MLflow's SQL stores keep experiment ids in an
   * INTEGER column: SQLite's is 64-bit and finds nothing for a larger id, PostgreSQL's is 32-bit and
   * fails the whole search (HTTP 400 "integer out of range"); other servers (Databricks) have
   * larger ids. So an id beyond 32 bits is kept only if get-experiment finds it (a request each;
   * ids within 32 bits are not asked about).
   */
  static List<String> existing(MlflowClient client, List<String> ids, ScanCounters counters) {
    List<String> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (id.length() < 10 || Long.parseLong(id) <= Integer.MAX_VALUE) {
        out.add(id); // the translator names canonical decimal ids only
        continue;
      }
      try {
        client.getExperiment(id);
        out.add(id);
      } catch (MlflowApiException e) {
        if (!e.isNotFound() && e.httpStatus() != 400) {
          throw e;
        }
      } finally {
        counters.page();
      }
    }
    return out;
  }

  /** Splits ids into at most {@code parts} groups of similar size (round robin keeps them even). */
  static List<List<String>> split(List<String> ids, int parts) {
    int n = Math.max(1, Math.min(parts, ids.size()));
    List<List<String>> groups = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < ids.size(); i++) {
      groups.get(i % n).add(ids.get(i));
    }
    return groups;
  }

  /**
   * The parts of a scan of experiments that names them ({@code ids}) or not (null: all): one per
   * group of experiments, at most {@code maxParts}; one part for a scan with a limit, whose
   * ordered pages must not be split.
   */
  static List<ScanPart> partsOf(MlflowClient client, List<String> ids, boolean limited,
      int maxParts, ScanCounters counters) {
    List<String> found = ids != null ? existing(client, ids, counters) : all(client, counters);
    return found.isEmpty() ? List.of() : groupParts(found, limited ? 1 : maxParts);
  }

  /** One part per group of experiments, at most {@code maxParts}. */
  static List<ScanPart> groupParts(List<String> ids, int maxParts) {
    List<ScanPart> parts = new ArrayList<>();
    List<List<String>> groups = split(ids, maxParts);
    for (int i = 0; i < groups.size(); i++) {
      parts.add(new ExperimentGroupPart(i, groups.size(), groups.get(i)));
    }
    return parts;
  }

  /** Chunks of at most {@link #PER_REQUEST} ids. */
  static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += PER_REQUEST) {
      out.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + PER_REQUEST))));
    }
    return out;
  }
}
