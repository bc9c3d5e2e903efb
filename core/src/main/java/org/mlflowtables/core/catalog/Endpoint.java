package org.mlflowtables.core.catalog;

/** The MLflow search endpoint a table is read through, and so the grammar of its filters. */
public enum Endpoint {
  SEARCH_EXPERIMENTS("search-experiments"),
  SEARCH_RUNS("search-runs"),
  SEARCH_REGISTERED_MODELS("search-registered-models"),
  SEARCH_MODEL_VERSIONS("search-model-versions"),
  SEARCH_LOGGED_MODELS("search-logged-models"),
  SEARCH_TRACES("search-traces");

  private final String restName;

  Endpoint(String restName) {
    this.restName = restName;
  }

  /** The endpoint's name as MLflow's REST API spells it. */
  public String restName() {
    return restName;
  }
}
