package org.mlflowtables.core.catalog;

import java.util.List;
import java.util.Map;

/**
 * The engine-neutral column types. Row values are, per type: {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, TIMESTAMP as a {@link Long} of epoch milliseconds (UTC),
 * {@code Map<String,String>}, {@code Map<String,Double>}, {@code List<String>}; {@code null} for a
 * missing value.
 */
public enum ColumnType {
  STRING(String.class),
  LONG(Long.class),
  DOUBLE(Double.class),
  BOOLEAN(Boolean.class),
  /** Epoch milliseconds, UTC, as a {@link Long}. */
  TIMESTAMP(Long.class),
  MAP_STRING_STRING(Map.class),
  MAP_STRING_DOUBLE(Map.class),
  ARRAY_STRING(List.class);

  private final Class<?> javaClass;

  ColumnType(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The Java class of a (non-null) row value of this type. */
  public Class<?> javaClass() {
    return javaClass;
  }

  public boolean isMap() {
    return this == MAP_STRING_STRING || this == MAP_STRING_DOUBLE;
  }

  /** LONG, DOUBLE and TIMESTAMP: compared with numeric literals. */
  public boolean isNumeric() {
    return this == LONG || this == DOUBLE || this == TIMESTAMP;
  }

  /** The type of a map's values ({@code metrics['k']} is DOUBLE); only for map types. */
  public ColumnType mapValueType() {
    switch (this) {
      case MAP_STRING_STRING:
        return STRING;
      case MAP_STRING_DOUBLE:
        return DOUBLE;
      default:
        throw new IllegalStateException(this + " is not a map type");
    }
  }

  /** The SQL spelling used in messages and docs, e.g. {@code MAP<STRING,DOUBLE>}. */
  public String sqlName() {
    switch (this) {
      case MAP_STRING_STRING:
        return "MAP<STRING,STRING>";
      case MAP_STRING_DOUBLE:
        return "MAP<STRING,DOUBLE>";
      case ARRAY_STRING:
        return "ARRAY<STRING>";
      case LONG:
        return "BIGINT";
      default:
        return name();
    }
  }
}
