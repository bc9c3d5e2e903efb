package org.mlflowtables.core.write;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * The columns of one engine's input matched to a writable table ({@link WriteBinding#mapping}):
 * turns rows of Java values, in the input's column order, into the table's rows. Serializable (Spark
 * ships it to its executors); immutable.
 */
public final class RowMapping implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final WriteBinding binding;
  /** Input position per table column the input has. */
  private final Map<String, Integer> positions;
  /** The input's own name per table column it has. */
  private final Map<String, String> inputNames;

  RowMapping(String table, WriteBinding binding, Map<String, Integer> positions,
      Map<String, String> inputNames) {
    this.table = table;
    this.binding = binding;
    this.positions = Map.copyOf(positions);
    this.inputNames = Map.copyOf(inputNames);
  }

  /**
   * The row of one input row: {@link String}s for text, {@link Number}s for numbers, a
   * {@link Long} of epoch milliseconds for a time, a {@link Map} of strings for a map; null where
   * the row has none. Rules on the
   * values themselves (NULLs, key characters, lengths) are checked by the writer.
   *
   * @throws MlflowTablesException naming the table and column when a value is of another class
   */
  public WriteRow toRow(Object[] values) {
    return binding.row(new Values(values));
  }

  /** The input's name of a table column, or null when the input does not have it. */
  public String inputName(String column) {
    return inputNames.get(column);
  }

  /** The binding the mapping follows. */
  public WriteBinding binding() {
    return binding;
  }

  /** One input row, read by table column. */
  final class Values {
    private final Object[] values;

    private Values(Object[] values) {
      this.values = values;
    }

    private Object get(String column) {
      Integer i = positions.get(column);
      return i == null ? null : values[i];
    }

    String text(String column) {
      Object v = get(column);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      throw wrong(column, v, "text");
    }

    Map<String, String> textMap(String column) {
      return map(column, String.class, "a map of text to text", s -> s);
    }

    Map<String, Double> numberMap(String column) {
      return map(column, Number.class, "a map of text to numbers", Number::doubleValue);
    }

    private <T, V> Map<String, V> map(String column, Class<T> values, String expected,
        java.util.function.Function<T, V> convert) {
      Object v = get(column);
      if (v == null) {
        return null;
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw wrong(column, v, expected);
      }
      Map<String, V> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() == null || e.getKey() instanceof String)
            || !(e.getValue() == null || values.isInstance(e.getValue()))) {
          throw wrong(column, v, expected);
        }
        out.put((String) e.getKey(), e.getValue() == null ? null : convert.apply(
            values.cast(e.getValue())));
      }
      return out;
    }

    Double number(String column) {
      Object v = get(column);
      if (v == null || v instanceof Number) {
        return v == null ? null : ((Number) v).doubleValue();
      }
      throw wrong(column, v, "a number");
    }

    Long whole(String column) {
      Object v = get(column);
      if (v == null) {
        return null;
      }
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
          || v instanceof BigInteger) {
        return ((Number) v).longValue();
      }
      if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
        return d.longValue();
      }
      throw wrong(column, v, "a whole number");
    }

    private MlflowTablesException wrong(String column, Object v, String expected) {
      return new MlflowTablesException("Cannot write to MLflow table '" + table + "': column '"
          + column + "' holds a " + v.getClass().getSimpleName() + ", not " + expected + ".");
    }
  }
}
