package org.mlflowtables.core.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mlflowtables.core.exceptions.UnknownColumnException;
import org.mlflowtables.core.write.WriteBinding;

/**
 * One table of the catalogue and its binding: its columns in order and what each is on the MLflow
 * endpoint ({@link MlflowField}) with what that endpoint can evaluate ({@link ColumnPushdown}),
 * how its rows are read ({@link ReadBinding}), and whether it takes writes. Immutable. Column
 * lookups accept any letter case (engines differ), the exact name first.
 */
public final class TableDef implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String description;
  private final WriteBinding writes;
  private final ReadBinding<?> read;
  private final double rowCountGuess;
  private final List<Column> columns;
  private final List<String> columnNames;
  private final Map<String, Integer> exactIndex;
  private final Map<String, Integer> lowerIndex;
  private final Map<String, ColumnPushdown> pushdown;
  private final Map<String, MlflowField> fields;

  TableDef(TableBuilder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.description = b.description == null ? "" : b.description;
    this.writes = b.writes;
    this.read = Objects.requireNonNull(b.read, "how table " + name + " is read");
    this.rowCountGuess = b.rowCountGuess;
    this.columns = List.copyOf(b.columns);
    List<String> names = new ArrayList<>();
    Map<String, Integer> exact = new HashMap<>();
    Map<String, Integer> lower = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      String c = this.columns.get(i).name();
      if (exact.put(c, i) != null || lower.put(c.toLowerCase(Locale.ROOT), i) != null) {
        throw new IllegalArgumentException("Table " + name + " has column " + c + " twice");
      }
      names.add(c);
    }
    this.columnNames = Collections.unmodifiableList(names);
    this.exactIndex = Map.copyOf(exact);
    this.lowerIndex = Map.copyOf(lower);
    this.pushdown = Map.copyOf(b.pushdown);
    this.fields = Map.copyOf(b.fields);
    for (Map.Entry<String, ColumnPushdown> e : pushdown.entrySet()) {
      String c = e.getKey();
      if (!exact.containsKey(c)) {
        throw new IllegalArgumentException(
            "Push-down declared for unknown column " + name + "." + c);
      }
      boolean pushes = !e.getValue().exact().isEmpty() || !e.getValue().prune().isEmpty()
          || e.getValue().sort().pushable();
      if (pushes && field(c) == MlflowField.NONE) {
        throw new IllegalArgumentException("Push-down declared for " + name + "." + c
            + ", which is no field of " + endpoint().restName());
      }
    }
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The endpoint the table is searched through (its source's). */
  public Endpoint endpoint() {
    return read.source().endpoint();
  }

  /** How the rows are read. */
  public ReadBinding<?> read() {
    return read;
  }

  /** Whether each entity the table is read from is exactly one row. */
  public boolean onePerEntity() {
    return read.onePerEntity();
  }

  /**
   * How many rows the table holds on a typical server, for engines' cost models (join order); the
   * server is never asked.
   */
  public double rowCountGuess() {
    return rowCountGuess;
  }

  /** What the column is on the endpoint ({@link MlflowField#NONE} if nothing). */
  public MlflowField field(String column) {
    return fields.getOrDefault(column(column).name(), MlflowField.NONE);
  }

  /** Whether rows can be appended (through log-batch). */
  public boolean writable() {
    return writes != null;
  }

  /** How written rows become log-batch rows; empty for a read-only table. */
  public Optional<WriteBinding> writes() {
    return Optional.ofNullable(writes);
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * The position of a column.
   *
   * @throws UnknownColumnException naming this table and listing its columns
   */
  public int index(String column) {
    Integer i = lookup(column);
    if (i == null) {
      throw new UnknownColumnException(name, column, columnNames);
    }
    return i;
  }

  /** The column of that name; {@link UnknownColumnException} if none. */
  public Column column(String column) {
    return columns.get(index(column));
  }

  public Optional<Column> findColumn(String column) {
    Integer i = lookup(column);
    return i == null ? Optional.empty() : Optional.of(columns.get(i));
  }

  /** What the endpoint can do with predicates on the column (none if nothing). */
  public ColumnPushdown pushdown(String column) {
    return pushdown.getOrDefault(column(column).name(), ColumnPushdown.NONE);
  }

  private Integer lookup(String column) {
    if (column == null) {
      return null;
    }
    Integer i = exactIndex.get(column);
    return i != null ? i : lowerIndex.get(column.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(columns.get(i).name()).append(' ').append(columns.get(i).type().sqlName());
    }
    return sb.append(')').toString();
  }
}
