package org.mlflowtables.core.write;

/** Quoting of user strings in messages: control characters visible, long values cut. */
final class Messages {
  private static final int MAX_SHOWN = 80;

  private Messages() {}

  /** {@code 'text'} with control characters escaped, cut after 80 characters; or {@code null}. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 16).append('\'');
    int shown = 0;
    for (int i = 0; i < s.length() && shown < MAX_SHOWN; i++, shown++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\'' -> b.append("\\'");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || isLoneSurrogate(s, i)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('\'');
    if (s.length() > MAX_SHOWN) {
      b.append("... (").append(s.codePointCount(0, s.length())).append(" characters)");
    }
    return b.toString();
  }

  /** Whether the char at {@code i} is a surrogate without its partner. */
  static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
