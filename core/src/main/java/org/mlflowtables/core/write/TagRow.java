package org.mlflowtables.core.write;

/**
 * One run tag to set. Tags are overwritten: the last row of a key wins, in the order rows were
 * added.
 *
 * @param runId the run, required
 * @param key the tag key, required
 * @param value the value, required (may be empty), at most {@value
 *     LogBatchLimits#MAX_TAG_VAL_LENGTH} characters
 */
public record TagRow(String runId, String key, String value) implements LogRow {
  private static final long serialVersionUID = 1L;

  @Override
  public String kind() {
    return "tag";
  }
}
