package org.mlflowtables.jdbc.exec;

import org.mlflowtables.core.catalog.ColumnType;
import org.mlflowtables.core.predicate.Literal;

/**
 * A dynamic parameter ({@code ?}) inside a translated predicate: the placeholder literal that
 * stands for it while planning (identified by identity, never by value), the parameter's index and
 * the type of the value it is compared with.
 *
 * @param placeholder the literal object in the predicate to replace at run time
 * @param index the parameter's index, as in {@code DataContext.get("?" + index)}
 * @param type the core type the bound value must be converted to
 */
public record ParamSlot(Literal placeholder, int index, ColumnType type) {
  /** A new placeholder for a parameter, with a value of the right type for planning decisions. */
  public static ParamSlot create(int index, ColumnType type) {
    Object sample;
    switch (type) {
      case LONG:
      case TIMESTAMP:
        sample = 0L;
        break;
      case DOUBLE:
        sample = 0.0d;
        break;
      default:
        sample = "?" + index; // shows as '?0' in EXPLAIN
        break;
    }
    // A fresh instance: the binder finds it by identity.
    return new ParamSlot(new Literal(sample), index, type);
  }
}
