package org.mlflowtables.core.write;

import java.io.Serializable;
import java.util.Objects;

/**
 * A column of what an engine writes to a table, as the engine reports it: its name and what kind
 * of values it holds.
 *
 * @param name the column's name (matched to the table's columns in any letter case)
 * @param type what kind of values it holds
 * @param typeName the engine's name of its type, for messages (e.g. {@code INT})
 */
public record InputColumn(String name, Type type, String typeName) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What kind of values an input column holds. */
  public enum Type {
    /** Text; handed over as {@link String}. */
    STRING,
    /** Whole numbers of any size; handed over as a {@link Number} without fraction. */
    INTEGER,
    /** Floating-point or decimal numbers; handed over as a {@link Number}. */
    FRACTIONAL,
    /** Points in time; handed over as a {@link Long} of epoch milliseconds (UTC). */
    TIMESTAMP,
    /** Maps of text to text; handed over as a {@link java.util.Map} of {@link String}s. */
    TEXT_MAP,
    /** Maps of text to numbers; handed over as a {@link java.util.Map} of {@link Number}s. */
    NUMBER_MAP,
    /** Anything else: no writable column takes it. */
    OTHER
  }

  public InputColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    typeName = typeName == null ? type.name() : typeName;
  }
}
