package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Optional;
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
  static final String PROMPT_TAG = "mlflow.prompt.is_prompt";

  private final boolean versions;

  RegistryTranslator(TableDef table, PushdownOptions options) {
    super(table, options, Grammar.SEARCH_REGISTRY);
    this.versions = table.name().equals("model_versions");
  }

  @Override
  Target target(ValueRef ref) {
    String c = table.column(ref.column()).name();
    if (c.equals("tags")) {
      String key = ((MapEntryRef) ref).key();
      return key.equals(PROMPT_TAG)
          ? Target.NONE
          : new Target.Field("tag", key, Target.Kind.STRING, false);
    }
    if (c.equals("name")) {
      return new Target.Field("attribute", "name", Target.Kind.STRING, false);
    }
    if (!versions) {
      return Target.NONE;
    }
    switch (c) {
      case "run_id":
        return new Target.Field("attribute", "run_id", Target.Kind.STRING, false);
      case "source":
        return new Target.Field("attribute", "source_path", Target.Kind.STRING, false);
      case "version":
        return new Target.Field("attribute", "version_number", Target.Kind.INT32, false);
      default:
        return Target.NONE;
    }
  }

  @Override
  public Optional<List<String>> orderBy(List<SortKey> keys) {
    // The registry appends name ASC (and for versions version DESC) unless sorted on.
    return columnOrderBy(keys, c -> c.equals("version") ? "version_number" : c,
        versions ? List.of("name ASC", "version_number DESC") : List.of("name ASC"));
  }
}
