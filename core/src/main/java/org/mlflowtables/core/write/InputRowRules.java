package org.mlflowtables.core.write;

import java.util.Map;

/**
 * The rules an {@link InputRow} is checked against before anything of it is sent, as MLflow
 * 3.17's server checks a dataset input (its {@code _validate_dataset_inputs}): a run, a dataset
 * with name, digest, source type and source within MLflow's sizes, tags without NULLs within
 * theirs. Model inputs are refused: MLflow logs a model input again on every call, so a re-run
 * would double it.
 */
final class InputRowRules {
  static final int MAX_NAME = 500;
  static final int MAX_DIGEST = 36;
  static final int MAX_SOURCE = 65_535;
  static final int MAX_SCHEMA = 1_048_575;
  static final int MAX_PROFILE = 16_777_215;
  static final int MAX_TAG_KEY = 255;
  static final int MAX_TAG_VALUE = 500;

  private InputRowRules() {}

  static void check(InputRow r, WriteResult now) {
    if (r.runId() == null || r.runId().isEmpty()) {
      throw invalid(r, null, "REQUIRED", "'run_id' is required", now);
    }
    if (given(r.modelId()) || (given(r.inputKind()) && !"dataset".equals(r.inputKind()))) {
      throw invalid(r, null, "DATASETS_ONLY", "only dataset inputs can be written (kind"
          + " 'dataset' or left out, no model_id): MLflow logs a model input again on every call,"
          + " so a re-run would double it", now);
    }
    required(r, "dataset_name", r.name(), MAX_NAME, "MAX_DATASET_NAME_SIZE", now);
    required(r, "dataset_digest", r.digest(), MAX_DIGEST, "MAX_DATASET_DIGEST_SIZE", now);
    required(r, "source_type", r.sourceType(), Integer.MAX_VALUE, null, now);
    required(r, "source", r.source(), MAX_SOURCE, "MAX_DATASET_SOURCE_SIZE", now);
    longest(r, "schema", r.schema(), MAX_SCHEMA, "MAX_DATASET_SCHEMA_SIZE", now);
    longest(r, "profile", r.profile(), MAX_PROFILE, "MAX_DATASET_PROFILE_SIZE", now);
    for (Map.Entry<String, String> t : r.tags().entrySet()) {
      if (t.getKey() == null || t.getValue() == null) {
        throw invalid(r, t.getKey(), "REQUIRED", "'tags' holds a NULL " + (t.getKey() == null
            ? "key" : "value for key '" + t.getKey() + "'"), now);
      }
      longest(r, "tag key '" + t.getKey() + "'", t.getKey(), MAX_TAG_KEY,
          "MAX_INPUT_TAG_KEY_SIZE", now);
      longest(r, "tag '" + t.getKey() + "'", t.getValue(), MAX_TAG_VALUE,
          "MAX_INPUT_TAG_VALUE_SIZE", now);
    }
  }

  /** Set and not empty (JDBC fills a column an INSERT leaves out that reads never give NULL). */
  private static boolean given(String value) {
    return value != null && !value.isEmpty();
  }

  private static void required(InputRow r, String column, String value, int max, String rule,
      WriteResult now) {
    if (value == null) {
      throw invalid(r, null, "REQUIRED", "'" + column + "' is required", now);
    }
    longest(r, "'" + column + "'", value, max, rule, now);
  }

  private static void longest(InputRow r, String what, String value, int max, String rule,
      WriteResult now) {
    if (value != null && value.length() > max) {
      throw invalid(r, null, rule, what + " has " + value.length() + " characters, more than"
          + " MLflow's " + max, now);
    }
  }

  private static InvalidRowException invalid(InputRow r, String key, String rule, String problem,
      WriteResult now) {
    return new InvalidRowException(r.kind(), r.runId(), key, rule,
        "Invalid " + r.describe() + ": " + problem + ".", now);
  }
}
