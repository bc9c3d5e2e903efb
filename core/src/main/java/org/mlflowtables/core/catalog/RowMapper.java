package org.mlflowtables.core.catalog;

import java.io.Serializable;
import java.util.List;

/**
 * How one fetched entity becomes rows of a table: arrays in the table's column order, with core's
 * value types (see {@link ColumnType}). Serializable, as plans are.
 *
 * @param <E> the entity, as its {@link Source} delivers it
 */
@FunctionalInterface
public interface RowMapper<E> extends Serializable {
  /** Adds the entity's rows, in order, to {@code out}. */
  void addRows(E entity, List<Object[]> out);

  /** A mapper giving exactly one row per entity. */
  static <E> RowMapper<E> one(OneRow<E> row) {
    return (e, out) -> out.add(row.row(e));
  }

  /** One entity, one row. */
  @FunctionalInterface
  interface OneRow<E> extends Serializable {
    Object[] row(E entity);
  }
}
