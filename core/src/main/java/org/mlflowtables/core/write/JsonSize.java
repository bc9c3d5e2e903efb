package org.mlflowtables.core.write;

/**
 * Upper bounds of the bytes a log-batch body takes as {@link
 * org.mlflowtables.core.client.MlflowClient#logBatch} writes it with Jackson: compact JSON, UTF-8,
 * {@code "NaN"}/{@code "Infinity"} as strings. Every estimate is at least the real size, so a
 * request packed within a budget is within it on the wire.
 */
final class JsonSize {
  /** The longest {@code Double.toString}, e.g. {@code -2.2250738585072014E-308}. */
  static final int DOUBLE = 24;
  /** The longest long, {@code -9223372036854775808}. */
  static final int LONG = 20;
  /** {@code {"run_id":"...","metrics":[],"params":[],"tags":[]}} without the run id's string. */
  static final int ENVELOPE = 46;
  /** Kept free in every request, for what the estimate might have missed. */
  static final int SLACK = 64;

  private JsonSize() {}

  /** A JSON string: quotes plus each character at its largest escaped UTF-8 size. */
  static int string(String s) {
    if (s == null) {
      return 4; // null
    }
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        n += 6; // a six-character escape
      } else if (c == '"' || c == '\\') {
        n += 2;
      } else if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isSurrogate(c)) {
        n += 3; // a pair takes 4 bytes; a lone surrogate at most 3 (or 6 escaped, refused anyway)
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The body without entities: braces, field names, the run id. */
  static int envelope(String runId) {
    return ENVELOPE + string(runId) + SLACK;
  }

  /** One metric object in the {@code metrics} array, with its separating comma. */
  static int metric(MetricRow m) {
    int n = 1 + 7 + string(m.key()) + 9 + DOUBLE + 13 + LONG + 8 + LONG + 1;
    if (m.modelId() != null) {
      n += 12 + string(m.modelId());
    }
    if (m.datasetName() != null) {
      n += 16 + string(m.datasetName());
    }
    if (m.datasetDigest() != null) {
      n += 18 + string(m.datasetDigest());
    }
    return n;
  }

  /** One {@code {"key":...,"value":...}} object with its separating comma. */
  static int keyValue(String key, String value) {
    return 1 + 7 + string(key) + 9 + string(value) + 1;
  }

  static int of(LogRow row) {
    if (row instanceof MetricRow m) {
      return metric(m);
    }
    if (row instanceof ParamRow p) {
      return keyValue(p.key(), p.value());
    }
    TagRow t = (TagRow) row;
    return keyValue(t.key(), t.value());
  }
}
