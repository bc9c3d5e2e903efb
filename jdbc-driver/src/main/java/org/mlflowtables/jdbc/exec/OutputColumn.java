package org.mlflowtables.jdbc.exec;

import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.ColumnRef;
import org.mlflowtables.core.predicate.MapEntryRef;
import org.mlflowtables.core.predicate.ValueRef;

/**
 * One value of a scan's output row: a table column, or one entry of a map column
 * ({@code metrics['rmse']}, NULL when the map lacks the key). A whole map column is handed out as
 * a {@link JsonTextMap}, whose text is JSON.
 *
 * @param column the table column's position
 * @param key the map key, or null for the whole column
 */
public record OutputColumn(int column, String key) {
  public static OutputColumn of(int column) {
    return new OutputColumn(column, null);
  }

  public boolean isMapEntry() {
    return key != null;
  }

  /** The value of this output in a table row. */
  Object read(Object[] row) {
    Object v = row[column];
    if (key == null || v == null) {
      return JsonTextMap.of(v);
    }
    return ((java.util.Map<?, ?>) v).get(key);
  }

  /** What core calls it. */
  public ValueRef ref(TableDef table) {
    String name = table.columns().get(column).name();
    return key == null ? new ColumnRef(name) : new MapEntryRef(name, key);
  }
}
