package org.mlflowtables.core.catalog;

import org.mlflowtables.core.client.model.Run;

/**
 * The tags table in its old form, before it is an entry of the catalogue: its fields and rows known
 * by code, by the table's name. Goes once tags is one entry of {@link Tables}.
 */
public final class LegacyTags {
  private LegacyTags() {}

  /** Tags rows: run_id, experiment_id, key, value. */
  public static final RowMapper<Run> ROWS = (r, out) -> RunRows.keyValues(r, r.data().tags(), out);

  static MlflowField field(String column) {
    switch (column) {
      case "run_id":
        return PushdownRules.attribute("run_id");
      case "experiment_id":
        return MlflowField.EXPERIMENT_IDS;
      case "key":
        return MlflowField.KEYS;
      case "value":
        return new MlflowField.ValueOfKey("tag", MlflowField.Kind.STRING, true);
      default:
        return MlflowField.NONE;
    }
  }
}
