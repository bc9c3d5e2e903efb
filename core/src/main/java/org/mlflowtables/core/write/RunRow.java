package org.mlflowtables.core.write;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run to create unless the target already has the run of its source key ({@link RunWriter}).
 *
 * @param sourceKey the run's identity in its source (the source's run id, or any key unique there),
 *     required; kept on the created run as the tag {@value RunWriter#SOURCE_TAG}
 * @param runName the run's name; null lets MLflow choose one
 * @param experimentId the target experiment's id; null or empty when given by name
 * @param experimentName the target experiment's name; null or empty when given by id
 * @param status one of MLflow's run statuses, required
 * @param startTime epoch milliseconds, required
 * @param endTime epoch milliseconds; null while the run runs
 * @param metrics each key's latest value, logged as one point at the run's end (else start) time,
 *     step 0; never null
 * @param params params to log; never null
 * @param tags tags to set; never null
 */
public record RunRow(String sourceKey, String runName, String experimentId,
    String experimentName, String status, Long startTime, Long endTime,
    Map<String, Double> metrics, Map<String, String> params, Map<String, String> tags)
    implements WriteRow {
  private static final long serialVersionUID = 1L;

  public RunRow {
    metrics = copy(metrics);
    params = copy(params);
    tags = copy(tags);
  }

  /** Keeps a NULL key or value for the writer to name (Map.copyOf would throw). */
  static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  @Override
  public String kind() {
    return "run";
  }

  /** How messages name the row: its source key and where it goes. */
  String describe() {
    return "run row '" + sourceKey + "' (experiment "
        + (experimentId == null || experimentId.isEmpty() ? "named '" + experimentName + "'"
            : experimentId) + ")";
  }
}
