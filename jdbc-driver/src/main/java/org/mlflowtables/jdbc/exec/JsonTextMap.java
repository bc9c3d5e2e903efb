package org.mlflowtables.jdbc.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A map column's value as the driver hands it out: the row's {@link Map}, read-only, whose text
 * ({@code toString()}, hence {@code ResultSet.getString}) is JSON, {@code {"rmse":0.25}}, instead
 * of Java's {@code {rmse=0.25}}. Tools that read every column as text (sqlline, BI tools, Spark's
 * JDBC reader, which has no type for MAP) get a value they can parse; NaN and infinities are the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, which Spark's {@code from_json}
 * reads back as doubles.
 *
 * @param <V> the value type (String for params and tags, Double for metrics)
 */
final class JsonTextMap<V> extends AbstractMap<String, V> {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private final Map<String, V> entries;

  private JsonTextMap(Map<String, V> entries) {
    this.entries = entries;
  }

  /** The value of a map column, or null for SQL NULL. */
  @SuppressWarnings("unchecked")
  static Object of(Object value) {
    if (value instanceof Map<?, ?> m && !(value instanceof JsonTextMap)) {
      return new JsonTextMap<>((Map<String, Object>) m);
    }
    return value;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return Collections.unmodifiableMap(entries).entrySet();
  }

  @Override
  public V get(Object key) {
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    try {
      return JSON.writeValueAsString(entries);
    } catch (JsonProcessingException e) {
      // A map of strings and doubles always serialises.
      throw new IllegalStateException(e);
    }
  }
}
