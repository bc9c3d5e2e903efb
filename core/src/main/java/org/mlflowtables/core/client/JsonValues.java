package org.mlflowtables.core.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import java.io.IOException;

/**
 * Numbers as MLflow's proto3 JSON sends them, for the field-by-field deserializers: int64 may come
 * as text, and a double as {@code "NaN"} or {@code "Infinity"}.
 */
final class JsonValues {
  private JsonValues() {}

  /** The current token as a double; {@code what} names the field in the error. */
  static double number(JsonParser p, DeserializationContext ctxt, String what) throws IOException {
    if (p.currentToken().isNumeric()) {
      return p.getDoubleValue();
    }
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      try {
        return Double.parseDouble(p.getText());
      } catch (NumberFormatException e) {
        return (Double) ctxt.handleWeirdStringValue(Double.class, p.getText(), "not a " + what);
      }
    }
    return (Double) ctxt.handleUnexpectedToken(Double.class, p);
  }

  /**
   * The current token as a long; {@code what} and {@code field} name it in the error (joined only
   * then: this runs for every point's timestamp and step).
   */
  static long integer(JsonParser p, DeserializationContext ctxt, String what, String field)
      throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return p.getLongValue();
    }
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      try {
        return Long.parseLong(p.getText().trim());
      } catch (NumberFormatException e) {
        return (Long) ctxt.handleWeirdStringValue(Long.class, p.getText(),
            "not an integer for " + what + " " + field);
      }
    }
    return (Long) ctxt.handleUnexpectedToken(Long.class, p);
  }
}
