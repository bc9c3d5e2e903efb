package org.mlflowtables.core.write;

/**
 * Reads back a Python {@code repr} of a {@code str}, which is how MLflow's server quotes values in
 * some error messages (a changed param: {@code {'key': 'lr', 'old_value': '0.1', ...}}).
 */
final class PythonRepr {
  private PythonRepr() {}

  /** The string a quoted repr ({@code 'it\'s'} or {@code "it's"}) stands for. */
  static String unrepr(String quoted) {
    String s = quoted.substring(1, quoted.length() - 1);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'x' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          b.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }
}
