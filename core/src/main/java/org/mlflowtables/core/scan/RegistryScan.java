package org.mlflowtables.core.scan;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.SearchRegistryRequest;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/** Scans search-registered-models or search-model-versions. */
final class RegistryScan extends TableScan {
  private static final long serialVersionUID = 1L;

  /** Which registry search. */
  enum Kind {
    REGISTERED_MODELS, MODEL_VERSIONS
  }

  private final Kind kind;
  private final String filter;
  private final List<String> orderBy;
  private final Long limit;

  RegistryScan(Kind kind, String filter, List<String> orderBy, Long limit) {
    this.kind = kind;
    this.filter = filter;
    this.orderBy = List.copyOf(orderBy);
    this.limit = limit;
  }

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    return List.of(new SinglePart());
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    // Model versions pages are capped well below the server's 200 000 to keep memory bounded.
    int max = kind == Kind.REGISTERED_MODELS ? MlflowClient.MAX_REGISTERED_MODELS_PAGE : 10_000;
    int pageSize = client.config().pageSizeFor(max);
    int size = limit == null ? pageSize : (int) Math.min(pageSize, limit);
    if (kind == Kind.REGISTERED_MODELS) {
      return Limited.map(Pages.items(token -> {
        counters.page();
        return client.searchRegisteredModels(new SearchRegistryRequest(filter, size, orderBy,
            token));
      }), EntityRows::registeredModel, limit);
    }
    Map<String, Map<String, String>> aliasesByModel = new HashMap<>();
    return Limited.map(Pages.items(token -> {
      counters.page();
      return client.searchModelVersions(new SearchRegistryRequest(filter, size, orderBy, token));
    }), v -> EntityRows.modelVersion(v, aliasesByModel.computeIfAbsent(v.name(),
        name -> aliases(client, counters, name))), limit);
  }

  /** A registered model's aliases (one get per model name and scan: versions omit them). */
  private static Map<String, String> aliases(MlflowClient client, ScanCounters counters,
      String name) {
    RegisteredModel m;
    try {
      m = client.getRegisteredModel(name);
      counters.page();
    } catch (MlflowApiException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        return Map.of(); // deleted between the search and this call
      }
      throw e;
    }
    Map<String, String> out = new HashMap<>();
    if (m.aliases() != null) {
      m.aliases().forEach(a -> out.put(a.alias(), a.version()));
    }
    return out;
  }

  @Override
  String describe() {
    return (kind == Kind.REGISTERED_MODELS ? "search-registered-models(" : "search-model-versions(")
        + (filter == null ? "" : "filter=" + filter)
        + (orderBy.isEmpty() ? "" : (filter == null ? "" : ", ") + "order_by=" + orderBy)
        + (limit == null ? "" : ", max_results=" + limit) + ")";
  }
}
