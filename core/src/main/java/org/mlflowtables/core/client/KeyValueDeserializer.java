package org.mlflowtables.core.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import org.mlflowtables.core.client.model.KeyValue;

/**
 * Reads a param or tag field by field. A search-runs page of 1 000 runs with 20 params and 20 tags
 * each holds 40 000 of them, and Jackson's generic way to build a record (buffer every property,
 * then call the constructor) made them the larger part of a scan's parse. Values other than text
 * (a number, say) are read as their text; unknown fields are skipped.
 */
final class KeyValueDeserializer extends StdDeserializer<KeyValue> {
  private static final long serialVersionUID = 1L;

  KeyValueDeserializer() {
    super(KeyValue.class);
  }

  @Override
  public KeyValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.isExpectedStartObjectToken()) {
      return (KeyValue) ctxt.handleUnexpectedToken(KeyValue.class, p);
    }
    String key = null;
    String value = null;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (field) {
        case "key" -> key = text(p, ctxt, field);
        case "value" -> value = text(p, ctxt, field);
        default -> p.skipChildren();
      }
    }
    return new KeyValue(key, value);
  }

  private static String text(JsonParser p, DeserializationContext ctxt, String field)
      throws IOException {
    if (p.currentToken().isScalarValue()) {
      return p.getValueAsString();
    }
    return (String) ctxt.handleUnexpectedToken(String.class, p.currentToken(), p,
        "expected text for the %s of a param or tag", field);
  }
}
