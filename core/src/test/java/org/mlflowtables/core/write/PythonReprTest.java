package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonReprTest {
  @Test
  void doubleQuotedReprKeepsSingleQuotes() {
    assertEquals("it's", PythonRepr.unrepr("\"it's\""));
  }

  @Test
  void backslashEscapesAreUndone() {
    assertEquals("a'b\\c\nd\te\r", PythonRepr.unrepr("'a\\'b\\\\c\\nd\\te\\r'"));
  }

  @Test
  void hexAndUnicodeEscapesAreUndone() {
    assertEquals("\u00e9\u0001\u20ac\uD83D\uDE00",
        PythonRepr.unrepr("'\u00e9\\x01\\u20ac\\U0001f600'"));
  }
}
