package org.mlflowtables.core.scan;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.catalog.AliasedVersion;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.RegisteredModel;
import org.mlflowtables.core.client.model.SearchRegistryRequest;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.paging.Pages;

/** Scans search-registered-models or search-model-versions. */
final class RegistryScan extends TableScan {
  private static final long serialVersionUID = 1L;

  /** Model versions pages are capped well below the server's 200 000 to keep memory bounded. */
  private static final int MAX_VERSIONS_PAGE = 10_000;

  private final RowMapper<RegisteredModel> models; // null for a scan of versions
  private final RowMapper<AliasedVersion> versions; // null for a scan of models
  private final String filter;
  private final List<String> orderBy;
  private final Long limit;

  private RegistryScan(RowMapper<RegisteredModel> models, RowMapper<AliasedVersion> versions,
      String filter, List<String> orderBy, Long limit) {
    this.models = models;
    this.versions = versions;
    this.filter = filter;
    this.orderBy = List.copyOf(orderBy);
    this.limit = limit;
  }

  /** search-registered-models. */
  static RegistryScan models(RowMapper<RegisteredModel> rows, String filter, List<String> orderBy,
      Long limit) {
    return new RegistryScan(rows, null, filter, orderBy, limit);
  }

  /** search-model-versions, with each model's aliases. */
  static RegistryScan versions(RowMapper<AliasedVersion> rows, String filter,
      List<String> orderBy, Long limit) {
    return new RegistryScan(null, rows, filter, orderBy, limit);
  }

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    return List.of(new SinglePart());
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    int max = models != null ? MlflowClient.MAX_REGISTERED_MODELS_PAGE : MAX_VERSIONS_PAGE;
    int pageSize = client.config().pageSizeFor(max);
    int size = limit == null ? pageSize : (int) Math.min(pageSize, limit);
    if (models != null) {
      return Limited.rows(Pages.items(token -> {
        counters.page();
        return client.searchRegisteredModels(new SearchRegistryRequest(filter, size, orderBy,
            token));
      }), models, limit);
    }
    Map<String, Map<String, String>> aliasesByModel = new HashMap<>();
    return Limited.rows(new MappedIterator<>(Pages.items(token -> {
      counters.page();
      return client.searchModelVersions(new SearchRegistryRequest(filter, size, orderBy, token));
    }), v -> new AliasedVersion(v, aliasesByModel.computeIfAbsent(v.name(),
        name -> aliases(client, counters, name)))), versions, limit);
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
    return (models != null ? "search-registered-models(" : "search-model-versions(")
        + (filter == null ? "" : "filter=" + filter)
        + (orderBy.isEmpty() ? "" : (filter == null ? "" : ", ") + "order_by=" + orderBy)
        + (limit == null ? "" : ", max_results=" + limit) + ")";
  }

  /** Maps each item lazily (the aliases of a version's model are read when it is reached). */
  private record MappedIterator<A, B>(Iterator<A> source, java.util.function.Function<A, B> f)
      implements Iterator<B> {
    @Override
    public boolean hasNext() {
      return source.hasNext();
    }

    @Override
    public B next() {
      return f.apply(source.next());
    }
  }
}
