package org.mlflowtables.core.catalog;

import java.util.Objects;

/** One column of a table: name (lower case, fixed by DESIGN.md), type, nullability, meaning. */
public record Column(String name, ColumnType type, boolean nullable, String description)
    implements java.io.Serializable {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
  }
}
