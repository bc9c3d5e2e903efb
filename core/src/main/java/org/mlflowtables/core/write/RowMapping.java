package org.mlflowtables.core.write;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * The columns of one engine's input matched to a writable table ({@link WriteBinding#mapping}):
 * turns rows of Java values, in the input's column order, into log rows. Serializable (Spark
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
   * The log row of one input row: {@link String}s for text, {@link Number}s for numbers, a
   * {@link Long} of epoch milliseconds for a time; null where the row has none. Rules on the
   * values themselves (NULLs, key characters, lengths) are checked by the writer.
   *
   * @throws MlflowTablesException naming the table and column when a value is of another class
   */
  public LogRow toRow(Object[] values) {
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
