package org.mlflowtables.core.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.predicate.ReferenceRows;

/**
 * The values a table's rows hold, per column and per map key, sorted so that a generator with a
 * fixed seed draws the same literals from the same data.
 */
final class Pools {
  static final Comparator<Object> ORDER = (a, b) -> {
    if (a.getClass() != b.getClass()) {
      return a.getClass().getName().compareTo(b.getClass().getName());
    }
    if (a instanceof Double x && b instanceof Double y) {
      return Double.compare(x, y); // total, distinguishes -0.0
    }
    return ReferenceRows.compareValues(a, b);
  };

  final TableDef table;
  final Map<String, List<Object>> columns = new LinkedHashMap<>();
  final Map<String, Map<String, List<Object>>> maps = new LinkedHashMap<>();

  Pools(TableDef table, List<Object[]> rows) {
    this.table = table;
    Map<String, TreeSet<Object>> cols = new LinkedHashMap<>();
    Map<String, TreeMap<String, TreeSet<Object>>> ms = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      if (c.type().isMap()) {
        ms.put(c.name(), new TreeMap<>(Pools::compareStrings));
      } else {
        cols.put(c.name(), new TreeSet<>(ORDER));
      }
    }
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        Column c = table.columns().get(i);
        Object v = row[i];
        if (v == null) {
          continue;
        }
        if (c.type().isMap()) {
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            TreeSet<Object> set = ms.get(c.name())
                .computeIfAbsent((String) e.getKey(), k -> new TreeSet<>(ORDER));
            if (e.getValue() != null) {
              set.add(e.getValue());
            }
          }
        } else if (!(v instanceof List)) {
          cols.get(c.name()).add(v);
        }
      }
    }
    cols.forEach((k, v) -> columns.put(k, new ArrayList<>(v)));
    ms.forEach((k, v) -> {
      Map<String, List<Object>> m = new LinkedHashMap<>();
      v.forEach((key, vals) -> m.put(key, new ArrayList<>(vals)));
      maps.put(k, m);
    });
  }

  List<Object> column(String name) {
    return columns.getOrDefault(name, List.of());
  }

  List<String> keys(String mapColumn) {
    return new ArrayList<>(maps.getOrDefault(mapColumn, Map.of()).keySet());
  }

  List<Object> entry(String mapColumn, String key) {
    return maps.getOrDefault(mapColumn, Map.of()).getOrDefault(key, List.of());
  }

  static int compareStrings(String a, String b) {
    return ReferenceRows.compareValues(Objects.requireNonNull(a), Objects.requireNonNull(b));
  }
}
