package org.mlflowtables.core.client.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A key and value as MLflow sends params and tags ({@code {"key": ..., "value": ...}}). */
public record KeyValue(String key, String value) {

  /** The map's entries, in its order. */
  public static List<KeyValue> fromMap(Map<String, String> map) {
    List<KeyValue> list = new ArrayList<>(map.size());
    map.forEach((k, v) -> list.add(new KeyValue(k, v)));
    return list;
  }

  /** The list as an insertion-ordered map; an empty map for null. */
  public static Map<String, String> toMap(List<KeyValue> list) {
    Map<String, String> m = new LinkedHashMap<>();
    if (list != null) {
      for (KeyValue kv : list) {
        m.put(kv.key(), kv.value());
      }
    }
    return m;
  }
}
