package org.mlflowtables.core.write;

/**
 * A row breaks one of MLflow's rules; it was refused before anything of it was sent. The message
 * names the run, the key and the rule or limit. The writer stays usable: the rows added before
 * were kept (see {@link #result()} for what was written so far).
 */
public class InvalidRowException extends WriteException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String key;
  private final String rule;

  /**
   * @param kind {@code metric}, {@code param} or {@code tag}
   * @param rule the rule broken, a short name such as {@code MAX_ENTITY_KEY_LENGTH}
   */
  public InvalidRowException(String kind, String runId, String key, String rule, String detail,
      WriteResult result) {
    super(detail, runId, result, null);
    this.kind = kind;
    this.key = key;
    this.rule = rule;
  }

  /** {@code metric}, {@code param} or {@code tag}. */
  public String kind() {
    return kind;
  }

  /** The row's key (may be null when the key is what is missing). */
  public String key() {
    return key;
  }

  /**
   * The rule broken: one of {@code REQUIRED}, {@code RUN_ID}, {@code KEY_CHARACTERS}, {@code
   * KEY_PATH}, {@code MAX_ENTITY_KEY_LENGTH}, {@code MAX_PARAM_VAL_LENGTH}, {@code
   * MAX_TAG_VAL_LENGTH}, {@code MAX_DATASET_NAME_SIZE}, {@code MAX_DATASET_DIGEST_SIZE}, {@code
   * TIMESTAMP}, {@code UNICODE}, {@code LINEAGE}, {@code MODEL_POINT_CONFLICT}.
   */
  public String rule() {
    return rule;
  }

  @Override
  InvalidRowException withResult(WriteResult newer) {
    return new InvalidRowException(kind, runId(), key, rule, detail(), newer);
  }
}
