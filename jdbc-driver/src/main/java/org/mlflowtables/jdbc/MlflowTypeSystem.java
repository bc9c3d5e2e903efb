package org.mlflowtables.jdbc;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system with one change: text literals of different lengths that meet in one type
 * (the rows of a VALUES, the keys of a MAP[...]) become VARCHAR, as in most databases, not
 * CHAR(n) padded with spaces to the longest. Every MLflow column is text of any length, and a
 * padded key or value written by an INSERT would be stored with its spaces.
 */
public final class MlflowTypeSystem extends RelDataTypeSystemImpl {
  /** The instance the driver's connections use (Calcite setting {@code typeSystem}). */
  public static final RelDataTypeSystem INSTANCE = new MlflowTypeSystem();

  private MlflowTypeSystem() {}

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
