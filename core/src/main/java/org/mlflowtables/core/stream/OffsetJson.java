package org.mlflowtables.core.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.stream.PointsOffset.Finishing;
import org.mlflowtables.core.stream.PointsOffset.Followed;

/**
 * The JSON form of offsets, as engines checkpoint them (docs/streaming.md documents it). Fields come
 * in a fixed order and maps sorted by key, so that equal offsets have equal text. Every offset
 * carries {@code "version"}; a version this code does not know is refused, naming it, rather than
 * misread.
 */
public final class OffsetJson {
  /** The version written, and the only one read. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OffsetJson() {}

  static String write(StreamOffset offset) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("table", offset.table());
    EndedRuns ended = offset.ended();
    if (ended.floor() != null) {
      o.put("floor", ended.floor());
    }
    ObjectNode e = o.putObject("ended");
    if (ended.endTime() != null) {
      e.put("endTime", ended.endTime());
      e.put("runId", ended.runId());
    }
    ObjectNode recent = e.putObject("recent");
    ended.recent().forEach(recent::put);
    if (offset instanceof RunsOffset r) {
      ObjectNode batch = o.putObject("batch");
      r.batch().forEach(batch::put);
    } else if (offset instanceof PointsOffset p) {
      ObjectNode following = o.putObject("following");
      p.following().forEach((run, f) -> {
        ObjectNode fo = following.putObject(run);
        fo.put("experimentId", f.experimentId());
        ObjectNode cuts = fo.putObject("cuts");
        f.cuts().forEach(cuts::put);
      });
      ObjectNode finishing = o.putObject("finishing");
      p.finishing().forEach((run, f) -> {
        ObjectNode fo = finishing.putObject(run);
        fo.put("experimentId", f.experimentId());
        var keys = fo.putArray("keys");
        f.keys().forEach(keys::add);
      });
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write an offset", ex);
    }
  }

  /**
   * Reads an offset of a stream of {@code table}.
   *
   * @param points whether the stream is one of metric points (else of finished runs)
   * @throws MlflowTablesException for text that is no such offset, another table's, or of another
   *     version, saying which
   */
  static StreamOffset read(String json, String table, boolean points) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw bad(table, "it is not JSON: " + e.getOriginalMessage());
    }
    if (o == null || !o.isObject()) {
      throw bad(table, "it is not a JSON object");
    }
    JsonNode version = o.get("version");
    if (version == null || !version.canConvertToInt()) {
      throw bad(table, "it has no \"version\"");
    }
    if (version.asInt() != VERSION) {
      throw new MlflowTablesException("The checkpoint holds an offset of version "
          + version.asText() + " for the MLflow stream of table " + table + "; this version of"
          + " mlflow-tables reads offset version " + VERSION + " only. Use the mlflow-tables"
          + " release that wrote the checkpoint, or start the query with a new checkpoint"
          + " location (and startingOffsets).");
    }
    String written = text(o, "table", table);
    if (!written.equals(table)) {
      throw new MlflowTablesException("The checkpoint holds an offset of the MLflow stream of"
          + " table " + written + ", not of " + table + ": give this query its own checkpoint"
          + " location");
    }
    Long floor = o.hasNonNull("floor") ? o.get("floor").asLong() : null;
    JsonNode e = object(o, "ended", table);
    SortedMap<String, Long> recent = new TreeMap<>();
    fields(object(e, "recent", table)).forEachRemaining(f -> recent.put(f.getKey(),
        f.getValue().asLong()));
    EndedRuns ended = new EndedRuns(floor,
        e.hasNonNull("endTime") ? e.get("endTime").asLong() : null,
        e.hasNonNull("runId") ? e.get("runId").asText() : null, recent);
    if (!points) {
      if (!o.has("batch")) {
        throw bad(table, "it is not the offset of a stream of finished runs");
      }
      SortedMap<String, String> batch = new TreeMap<>();
      fields(object(o, "batch", table)).forEachRemaining(f -> batch.put(f.getKey(),
          f.getValue().asText()));
      return new RunsOffset(table, ended, batch);
    }
    if (!o.has("following")) {
      throw bad(table, "it is not the offset of a stream of metric points");
    }
    SortedMap<String, Followed> following = new TreeMap<>();
    fields(object(o, "following", table)).forEachRemaining(f -> {
      SortedMap<String, Long> cuts = new TreeMap<>();
      fields(object(f.getValue(), "cuts", table)).forEachRemaining(c -> cuts.put(c.getKey(),
          c.getValue().asLong()));
      following.put(f.getKey(), new Followed(text(f.getValue(), "experimentId", table), cuts));
    });
    SortedMap<String, Finishing> finishing = new TreeMap<>();
    fields(object(o, "finishing", table)).forEachRemaining(f -> {
      SortedSet<String> keys = new TreeSet<>();
      JsonNode ks = f.getValue().get("keys");
      if (ks != null) {
        ks.forEach(k -> keys.add(k.asText()));
      }
      finishing.put(f.getKey(), new Finishing(text(f.getValue(), "experimentId", table), keys));
    });
    return new PointsOffset(table, floor, ended, following, finishing);
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode o) {
    return o.fields();
  }

  private static JsonNode object(JsonNode o, String field, String table) {
    JsonNode v = o.get(field);
    if (v == null || !v.isObject()) {
      throw bad(table, "\"" + field + "\" is missing or not an object");
    }
    return v;
  }

  private static String text(JsonNode o, String field, String table) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw bad(table, "\"" + field + "\" is missing or not a string");
    }
    return v.asText();
  }

  private static MlflowTablesException bad(String table, String why) {
    return new MlflowTablesException("Cannot read the checkpointed offset of the MLflow stream of"
        + " table " + table + ": " + why);
  }
}
