package org.mlflowtables.core.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.mlflowtables.core.client.model.RunInfo;

/**
 * Reads a run's info field by field, one per run of a search-runs page, for the reason given in
 * {@link KeyValueDeserializer}. Times may come as numbers or as text (proto3 JSON's int64); unknown
 * fields (the deprecated {@code run_uuid} among them) are skipped.
 */
final class RunInfoDeserializer extends StdDeserializer<RunInfo> {
  private static final long serialVersionUID = 1L;

  RunInfoDeserializer() {
    super(RunInfo.class);
  }

  @Override
  public RunInfo deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      return (RunInfo) ctxt.handleUnexpectedToken(RunInfo.class, p);
    }
    String runId = null;
    String runName = null;
    String experimentId = null;
    String userId = null;
    String status = null;
    Long startTime = null;
    Long endTime = null;
    String artifactUri = null;
    String lifecycleStage = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "run_id" -> runId = p.getValueAsString();
        case "run_name" -> runName = p.getValueAsString();
        case "experiment_id" -> experimentId = p.getValueAsString();
        case "user_id" -> userId = p.getValueAsString();
        case "status" -> status = p.getValueAsString();
        case "start_time" -> startTime = JsonValues.integer(p, ctxt, "run field", field);
        case "end_time" -> endTime = JsonValues.integer(p, ctxt, "run field", field);
        case "artifact_uri" -> artifactUri = p.getValueAsString();
        case "lifecycle_stage" -> lifecycleStage = p.getValueAsString();
        default -> p.skipChildren();
      }
    }
    return new RunInfo(runId, runName, experimentId, userId, status,
        startTime, endTime, artifactUri, lifecycleStage);
  }
}
