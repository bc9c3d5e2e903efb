package org.mlflowtables.core.catalog;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * What a column is on its table's MLflow endpoint: the field a filter or an order names, or the
 * request parameter its equalities fill. The catalogue says it per column; what the endpoint does
 * with each operator is the column's {@link ColumnPushdown}. {@link #resolve} turns the declaration
 * into what one predicate's value reference reads: {@link #NONE}, {@link ExperimentIds},
 * {@link Keys} or a {@link Fixed} field.
 */
public sealed interface MlflowField extends Serializable {
  /** How values of a field are written in a filter. */
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

  /** Not searchable: predicates on it stay with the engine. */
  None NONE = new None();
  ExperimentIds EXPERIMENT_IDS = new ExperimentIds();
  Keys KEYS = new Keys();

  /**
   * What a predicate reads on the server.
   *
   * @param entryKey the map entry the predicate reads ({@code metrics['k']}), or null for the
   *     column itself
   * @param singleKey the one key the conjuncts' {@code key =} / {@code IN} leave on a long table,
   *     or null
   */
  MlflowField resolve(String entryKey, String singleKey);

  /** Not searchable. */
  record None() implements MlflowField {
    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return this;
    }
  }

  /** experiment_id: {@code =} / {@code IN} become the request's experiment ids. */
  record ExperimentIds() implements MlflowField {
    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return this;
    }
  }

  /** The key column of a long table: {@code =} / {@code IN} bound the keys read. */
  record Keys() implements MlflowField {
    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return this;
    }
  }

  /**
   * A field of the filter grammar.
   *
   * @param entity attribute, metric, param, tag or dataset
   * @param key the attribute's name on the server, or the map key
   * @param kind how values are written
   * @param presencePrune the server evaluates {@code IS NOT NULL} on it exactly, so any predicate
   *     on it that cannot be sent still prunes as {@code IS NOT NULL} (nothing is true of NULL)
   */
  record Fixed(String entity, String key, Kind kind, boolean presencePrune)
      implements MlflowField {
    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return this;
    }
  }

  /**
   * Every entry of a map column is a field of the entity, named by its key:
   * {@code metrics['k']} is {@code metrics.`k`}. Keys in {@code excluded} are not searchable.
   */
  record Entries(String entity, Kind kind, boolean presencePrune, Set<String> excluded)
      implements MlflowField {
    public Entries {
      excluded = Set.copyOf(excluded);
    }

    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return entryKey == null || excluded.contains(entryKey) ? NONE
          : new Fixed(entity, entryKey, kind, presencePrune);
    }
  }

  /** Only the listed entries of a map column are fields, each its own. */
  record EntryFields(Map<String, Fixed> byKey) implements MlflowField {
    public EntryFields {
      byKey = Map.copyOf(byKey);
    }

    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      Fixed f = entryKey == null ? null : byKey.get(entryKey);
      return f == null ? NONE : f;
    }
  }

  /**
   * A long table's value column: with a single key {@code k} it is the field {@code k} of the
   * entity ({@code value} of latest_metrics is {@code metrics.`k`}). When {@code presencePrune},
   * the key alone prunes the runs as {@code IS NOT NULL}.
   */
  record ValueOfKey(String entity, Kind kind, boolean presencePrune) implements MlflowField {
    @Override
    public MlflowField resolve(String entryKey, String singleKey) {
      return singleKey == null ? NONE : new Fixed(entity, singleKey, kind, presencePrune);
    }
  }
}
