package org.mlflowtables.core.catalog;

import static org.mlflowtables.core.catalog.PushdownRules.EQ_IN;
import static org.mlflowtables.core.catalog.PushdownRules.EQ_NE_IN;
import static org.mlflowtables.core.catalog.PushdownRules.EXPERIMENT_IDS_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.LIKES;
import static org.mlflowtables.core.catalog.PushdownRules.LIKE_NOTE;
import static org.mlflowtables.core.catalog.PushdownRules.attribute;
import static org.mlflowtables.core.catalog.PushdownRules.p;
import org.mlflowtables.core.write.WriteBinding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds one entry of the catalogue: its binding, then its columns in order. */
final class TableBuilder {
  final String name;
  final String description;
  final WriteBinding writes;
  ReadBinding<?> read;
  double rowCountGuess = 1_000;
  final List<Column> columns = new ArrayList<>();
  final Map<String, ColumnPushdown> pushdown = new LinkedHashMap<>();
  final Map<String, MlflowField> fields = new LinkedHashMap<>();

  TableBuilder(String name, String description, WriteBinding writes) {
    this.name = name;
    this.description = description;
    this.writes = writes;
  }

  /** Read from the source's entities, each becoming the rows {@code rows} adds. */
  <E> TableBuilder reads(Source<E> source, RowMapper<E> rows) {
    read = new ReadBinding<>(source, rows, false, null);
    return this;
  }

  /** Read from the source's entities, each becoming exactly one row. */
  <E> TableBuilder readsOnePerEntity(Source<E> source, RowMapper.OneRow<E> row) {
    read = new ReadBinding<>(source, RowMapper.one(row), true, null);
    return this;
  }

  /**
   * As {@link #reads}, and from the cheaper {@code shortcut} when the query rejects every row
   * like {@code missed} (see {@link ReadBinding.Shortcut}; {@code when} says so in words).
   */
  <E> TableBuilder reads(Source<E> source, RowMapper<E> rows, Source<E> shortcut,
      Map<String, Object> missed, String when) {
    read = new ReadBinding<>(source, rows, false,
        new ReadBinding.Shortcut<>(shortcut, missed, when));
    return this;
  }

  /** How many rows the table holds on a typical server: a guess for engines' cost models. */
  TableBuilder sizeGuess(double rows) {
    rowCountGuess = rows;
    return this;
  }

  /** A column the endpoint cannot search. */
  TableBuilder col(String c, ColumnType type, boolean nullable, String doc) {
    columns.add(new Column(c, type, nullable, doc));
    return this;
  }

  /** A column, what it is on the server, and what the server does with predicates on it. */
  TableBuilder col(String c, ColumnType type, boolean nullable, String doc, MlflowField field,
      ColumnPushdown p) {
    col(c, type, nullable, doc);
    fields.put(c, field);
    pushdown.put(c, p);
    return this;
  }

  /** run_id and experiment_id of the tables read through search-runs. */
  TableBuilder runKeys() {
    col("run_id", ColumnType.STRING, false, "Run ID.", attribute("run_id"),
        p(EQ_NE_IN, LIKES, SortRule.NONE, "the run's run_id; " + LIKE_NOTE));
    return col("experiment_id", ColumnType.STRING, false, "Experiment of the run.",
        MlflowField.EXPERIMENT_IDS, p(EQ_IN, Set.of(), SortRule.NONE, EXPERIMENT_IDS_NOTE));
  }

  TableDef build() {
    return new TableDef(this);
  }
}
