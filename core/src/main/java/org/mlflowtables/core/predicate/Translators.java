package org.mlflowtables.core.predicate;

import org.mlflowtables.core.catalog.Endpoint;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.model.LoggedModelOrderBy;

/** The translator of each table. */
public final class Translators {
  private Translators() {}

  /** The translator for the table, pushing only what is exact on every supported store. */
  public static TableTranslator<?> forTable(TableDef table) {
    return forTable(table, PushdownOptions.PORTABLE);
  }

  /** The translator of the table's endpoint (each endpoint has its grammar and its orders). */
  public static TableTranslator<?> forTable(TableDef table, PushdownOptions options) {
    return switch (table.endpoint()) {
      case SEARCH_EXPERIMENTS -> experiments(table, options);
      case SEARCH_RUNS -> runs(table, options);
      case SEARCH_REGISTERED_MODELS, SEARCH_MODEL_VERSIONS -> registry(table, options);
      case SEARCH_LOGGED_MODELS -> loggedModels(table, options);
      case SEARCH_TRACES -> traces(table, options);
    };
  }

  /** For the tables read through search-runs (runs and the long tables). */
  public static TableTranslator<String> runs(TableDef table, PushdownOptions options) {
    requireEndpoint(table, Endpoint.SEARCH_RUNS);
    return new RunsTranslator(table, options);
  }

  public static TableTranslator<String> experiments(TableDef table, PushdownOptions options) {
    requireEndpoint(table, Endpoint.SEARCH_EXPERIMENTS);
    return new ExperimentsTranslator(table, options);
  }

  /** For registered_models and model_versions. */
  public static TableTranslator<String> registry(TableDef table, PushdownOptions options) {
    if (table.endpoint() != Endpoint.SEARCH_REGISTERED_MODELS) {
      requireEndpoint(table, Endpoint.SEARCH_MODEL_VERSIONS);
    }
    return new RegistryTranslator(table, options);
  }

  /** For logged_models and logged_model_metrics. */
  public static TableTranslator<LoggedModelOrderBy> loggedModels(
      TableDef table, PushdownOptions options) {
    requireEndpoint(table, Endpoint.SEARCH_LOGGED_MODELS);
    return new LoggedModelsTranslator(table, options);
  }

  /** For traces, trace_spans and assessments. */
  public static TableTranslator<String> traces(TableDef table, PushdownOptions options) {
    requireEndpoint(table, Endpoint.SEARCH_TRACES);
    return new TracesTranslator(table, options);
  }

  private static void requireEndpoint(TableDef t, Endpoint e) {
    if (t.endpoint() != e) {
      throw new IllegalArgumentException(
          "Table " + t.name() + " is read through " + t.endpoint().restName() + ", not "
              + e.restName());
    }
  }
}
