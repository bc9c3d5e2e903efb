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
 * One table of the catalogue: its columns in order, whether it takes writes, the MLflow endpoint it
 * is read through, and per column what that endpoint can evaluate (see {@link ColumnPushdown}).
 * Immutable. Column lookups accept any letter case (engines differ), the exact name first.
 */
public final class TableDef implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String description;
  private final Endpoint endpoint;
  private final WriteBinding writes;
  private final List<Column> columns;
  private final List<String> columnNames;
  private final Map<String, Integer> exactIndex;
  private final Map<String, Integer> lowerIndex;
  private final Map<String, ColumnPushdown> pushdown;

  public TableDef(
      String name,
      String description,
      Endpoint endpoint,
      WriteBinding writes,
      List<Column> columns,
      Map<String, ColumnPushdown> pushdown) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = description == null ? "" : description;
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.writes = writes;
    this.columns = List.copyOf(columns);
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
    for (String c : pushdown.keySet()) {
      if (!exact.containsKey(c)) {
        throw new IllegalArgumentException(
            "Push-down declared for unknown column " + name + "." + c);
      }
    }
    this.pushdown = Map.copyOf(pushdown);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public Endpoint endpoint() {
    return endpoint;
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

  public boolean hasColumn(String column) {
    return lookup(column) != null;
  }

  /** What the endpoint can do with predicates on the column (none if nothing). */
  public ColumnPushdown pushdown(String column) {
    return pushdown.getOrDefault(column(column).name(), ColumnPushdown.NONE);
  }

  /** Operators the endpoint evaluates exactly on the column (or its map entries). */
  public java.util.Set<PushdownOp> exactOps(String column) {
    return pushdown(column).exact();
  }

  /** Whether some ORDER BY on the column can be pushed (see {@link #pushdown} for which). */
  public boolean sortable(String column) {
    return pushdown(column).sort().pushable();
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
