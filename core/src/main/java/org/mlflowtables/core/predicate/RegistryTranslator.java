package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflowtables.core.catalog.Endpoint;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.FilterStrings.Grammar;

/**
 * search-registered-models and search-model-versions (store/model_registry/sqlalchemy_store.py).
 *
 * <ul>
 *   <li>Registered models: {@code name} (=, !=, LIKE, ILIKE, IN) and {@code tags.`k`} (=, !=, LIKE,
 *       ILIKE). Sort: {@code name}; {@code timestamp} and {@code last_updated_timestamp} both sort
 *       by last_updated_time, creation time cannot be sorted on.
 *   <li>Model versions: {@code name}, {@code run_id} (=, !=, LIKE, ILIKE, IN), {@code source_path}
 *       (=, !=, LIKE, ILIKE), {@code version_number} (integer comparisons), {@code tags.`k`}. Sort:
 *       name, version_number (and the nullable timestamps, not pushed).
 *   <li>Never a predicate on the tag {@code mlflow.prompt.is_prompt}: the server drops or rewrites
 *       it to tell prompts from models ({@code _update_query_to_exclude_prompts}).
 * </ul>
 */
final class RegistryTranslator extends AbstractTranslator<String> {
  RegistryTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_REGISTRY);
  }

  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    // The registry appends name ASC (and for versions version DESC) unless sorted on.
    boolean versions = table.endpoint() == Endpoint.SEARCH_MODEL_VERSIONS;
    return textOrder(keys, f -> Optional.of(f.key()), versions
        ? List.of(Map.entry("name", true), Map.entry("version_number", false))
        : List.of(Map.entry("name", true)));
  }
}
