package org.mlflowtables.core.predicate;

/** What a value reference of a table becomes on the server (package-private to the translators). */
sealed interface Target {
  /** Not searchable: the predicate stays with the engine. */
  record None() implements Target {}

  /** The experiment_id column: {@code =} / {@code IN} constrain the request's experiment ids. */
  record ExperimentId() implements Target {}

  /** The key column of a long table: {@code =} / {@code IN} bound the keys read. */
  record Key() implements Target {}

  /**
   * A field of the filter grammar.
   *
   * @param entity attribute, metric, param, tag or dataset
   * @param key attribute name as the server spells it, or the map key
   * @param kind how values are written
   * @param presencePrune the server evaluates {@code IS NOT NULL} on it exactly, so any predicate
   *     on it that cannot be sent still prunes as {@code IS NOT NULL} (nothing is true of NULL)
   */
  record Field(String entity, String key, Kind kind, boolean presencePrune) implements Target {}

  enum Kind {
    /** Quoted strings. */
    STRING,
    /** Integral numbers only (timestamps). */
    INTEGER,
    /**
     * Integral numbers of a 32-bit INTEGER column in MLflow's SQL stores (version numbers): a
     * literal beyond 32 bits stays with the engine, since PostgreSQL fails the request on it.
     */
    INT32,
    /**
     * Doubles of a metric: {@code >} and {@code >=} are sent as a weaker {@code !=} (MLflow never
     * matches a NaN value with them, Spark's NaN is above every number).
     */
    METRIC
  }

  None NONE = new None();
  ExperimentId EXPERIMENT_ID = new ExperimentId();
  Key KEY = new Key();
}
