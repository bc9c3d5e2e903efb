package org.mlflowtables.core.predicate;

import java.util.List;
import java.util.Optional;

/**
 * Quoting of keys and values for MLflow's filter strings, so that MLflow's own parser reads back
 * exactly the intended comparison or the value is refused (an empty result: the predicate stays
 * with the engine). The rules come from MLflow 3.17's parsers, which are built on sqlparse:
 *
 * <ul>
 *   <li>sqlparse reads a single-quoted string as {@code '(''|\\'|[^'])*'} and a double-quoted one
 *       as {@code "(""|\\"|[^"])*"}, and MLflow then only trims the two quote characters
 *       ({@code SearchUtils._strip_quotes}): a doubled quote is NOT unescaped and a backslash is
 *       kept. So a value is sent in single quotes if it has no {@code '}; else, for search-runs,
 *       search-experiments and the registry, in double quotes if it has no {@code "} (sqlparse
 *       groups it as an Identifier, which {@code _get_value} accepts); else it is refused.
 *   <li>A value ending with a backslash is refused: sqlparse reads {@code \'} as an escaped quote,
 *       the string runs on into the next clause and the request fails.
 *   <li>search-logged-models reads values with {@code value.strip("'")}
 *       (utils/search_logged_model_utils.py): only single quotes work there.
 *   <li>IN lists are read with Python's {@code ast.literal_eval}: every element is single-quoted
 *       and may contain no quote, backslash or control character.
 *   <li>Keys are always backtick-quoted: a bare keyword such as {@code params.in} breaks sqlparse's
 *       grouping. sqlparse reads {@code `(``|[^`])*`} and MLflow only trims the backticks, so a key
 *       containing a backtick is never sent. search-logged-models matches keys with
 *       {@code ^([a-z]+)\.(.+)$}, whose {@code .} stops at a newline: keys with control characters
 *       are refused there.
 *   <li>Text with a NUL or an unpaired surrogate is refused (a NUL is rejected by PostgreSQL, an
 *       unpaired surrogate does not survive UTF-8 encoding).
 *   <li>Numbers: only finite doubles ({@link Double#toString} round-trips through Python's
 *       {@code float()} and matches sqlparse's number tokens); integer-only attributes take
 *       integral values only.
 * </ul>
 */
public final class FilterStrings {
  /** The parser a filter string is written for. */
  public enum Grammar {
    /**
     * search-runs: {@code attributes.x}, {@code metrics.`k`}, {@code params.`k`}, {@code tags.`k`},
     * {@code datasets.x}.
     */
    SEARCH_RUNS,
    /** search-experiments: bare attributes, {@code tags.`k`}. */
    SEARCH_EXPERIMENTS,
    /** search-registered-models and search-model-versions: bare attributes, {@code tags.`k`}. */
    SEARCH_REGISTRY,
    /** search-logged-models: bare attributes, {@code metrics.`k`}, {@code params.`k`}, tags. */
    SEARCH_LOGGED_MODELS,
    /**
     * search-traces (v3): {@code attributes.x}, {@code tags.`k`}, {@code metadata.`k`}; values
     * parsed as for search-runs ({@code SearchTraceUtils} extends {@code SearchUtils}).
     */
    SEARCH_TRACES
  }

  private static final double TWO_POW_63 = 9.223372036854775808E18;

  private FilterStrings() {}

  /** The field as the grammar spells it: {@code attributes.run_name}, {@code params.`lr`}. */
  public static Optional<String> field(Grammar g, String entity, String key) {
    if (entity.equals("attribute")) {
      boolean prefixed = g == Grammar.SEARCH_RUNS || g == Grammar.SEARCH_TRACES;
      return Optional.of(prefixed ? "attributes." + key : key);
    }
    if (entity.equals("dataset")) {
      return Optional.of("datasets." + key);
    }
    return quoteKey(key, g).map(q -> mapPrefix(entity) + q);
  }

  /**
   * The prefix of a map entity's fields: {@code metrics.}, {@code params.}, {@code tags.},
   * {@code metadata.} (traces).
   */
  static String mapPrefix(String entity) {
    switch (entity) {
      case "metric":
        return "metrics.";
      case "param":
        return "params.";
      case "tag":
        return "tags.";
      case "metadata":
        return "metadata.";
      default:
        throw new IllegalArgumentException("Unknown entity " + entity);
    }
  }

  /** A map key in backticks, or empty if it cannot be sent safely. */
  public static Optional<String> quoteKey(String key, Grammar g) {
    if (key.isEmpty() || key.indexOf('`') >= 0 || !wellFormed(key)) {
      return Optional.empty();
    }
    if (g == Grammar.SEARCH_LOGGED_MODELS && hasControl(key)) {
      return Optional.empty();
    }
    return Optional.of("`" + key + "`");
  }

  /**
   * A map key for a search-runs {@code order_by} entry. MLflow ({@code _parse_order_by_string})
   * turns the backticks into double quotes and splits with {@code shlex}, then strips the token and
   * {@code _strip_quotes} the key: so a key may also contain no {@code "} or backslash, may not
   * start or end with whitespace, and may not be wrapped in single quotes.
   */
  public static Optional<String> quoteOrderKey(String key) {
    if (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0 || hasControl(key) || key.isEmpty()) {
      return Optional.empty();
    }
    if (pythonSpace(key.codePointAt(0)) || pythonSpace(key.codePointBefore(key.length()))) {
      return Optional.empty();
    }
    if (key.length() >= 2 && key.startsWith("'") && key.endsWith("'")) {
      return Optional.empty();
    }
    return quoteKey(key, Grammar.SEARCH_RUNS);
  }

  /** Whether Python's {@code str.strip()} removes the character (an over-approximation). */
  private static boolean pythonSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp < 0x20 || cp == 0x85
        || (cp >= 0x1c && cp <= 0x1f);
  }

  /** A string value quoted for the grammar, or empty if no quoting round-trips exactly. */
  public static Optional<String> quoteValue(String value, Grammar g) {
    if (!wellFormed(value) || value.endsWith("\\")) {
      return Optional.empty();
    }
    if (value.indexOf('\'') < 0) {
      return Optional.of("'" + value + "'");
    }
    if (g != Grammar.SEARCH_LOGGED_MODELS && value.indexOf('"') < 0) {
      return Optional.of("\"" + value + "\"");
    }
    return Optional.empty();
  }

  /** {@code ('a', 'b')} for IN; empty if an element cannot be sent safely or there is none. */
  public static Optional<String> quoteList(List<String> values) {
    if (values.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (!wellFormed(v) || v.indexOf('\'') >= 0 || v.indexOf('\\') >= 0 || hasControl(v)) {
        return Optional.empty();
      }
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(v).append('\'');
    }
    return Optional.of(sb.append(')').toString());
  }

  /**
   * A number as the filter grammar reads it: a Long as is, a finite Double by
   * {@link Double#toString}. With {@code integerOnly}, a Double is accepted only if integral.
   */
  public static Optional<String> number(Object value, boolean integerOnly) {
    if (value instanceof Long l) {
      return Optional.of(l.toString());
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return Optional.empty();
      }
      if (integerOnly) {
        if (d != Math.rint(d) || Math.abs(d) >= TWO_POW_63) {
          return Optional.empty();
        }
        return Optional.of(Long.toString(d.longValue()));
      }
      return Optional.of(d.toString());
    }
    return Optional.empty();
  }

  /**
   * A pattern for the server's LIKE/ILIKE that matches at least every string the SQL pattern
   * matches, on every SQL store MLflow supports; empty if there is none worth sending. The server's
   * match is never stricter, but may be looser, so the predicate is always kept as residual too:
   *
   * <ul>
   *   <li>{@code _} becomes {@code %}: MySQL evaluates LIKE also as {@code BINARY} LIKE, where
   *       {@code _} is one byte, not one character.
   *   <li>An escaped {@code %} or {@code _} (a literal) becomes {@code %}: stores disagree on the
   *       default escape character, so none is sent.
   *   <li>A backslash is refused (PostgreSQL and MySQL treat it as an escape, SQLite does not), so
   *       is {@code [} (a character class on MSSQL).
   *   <li>ILIKE: the pattern must be ASCII (stores fold non-ASCII case differently); {@code i} and
   *       {@code k} of either case become wildcards, because Spark lower-cases U+0130 to
   *       {@code i}+U+0307 and the Kelvin sign U+212A to {@code k}, which no store's ILIKE matches
   *       with {@code i} or {@code k}.
   * </ul>
   */
  public static Optional<String> serverLikePattern(
      String pattern, Character escape, boolean caseInsensitive) {
    if (!wellFormed(pattern)) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      int cp = pattern.codePointAt(i);
      i += Character.charCount(cp);
      boolean literal = false;
      if (escape != null && cp == escape) {
        if (i >= pattern.length()) {
          return Optional.empty();
        }
        cp = pattern.codePointAt(i);
        i += Character.charCount(cp);
        if (cp == '%' || cp == '_') {
          appendPercent(out);
          continue;
        }
        if (cp != escape) {
          return Optional.empty();
        }
        literal = true;
      }
      if (!literal && (cp == '%' || cp == '_')) {
        appendPercent(out);
        continue;
      }
      if (cp == '\\' || cp == '[') {
        return Optional.empty();
      }
      if (caseInsensitive) {
        if (cp >= 0x80) {
          return Optional.empty();
        }
        if (cp == 'i' || cp == 'I') {
          appendPercent(out);
          continue;
        }
        if (cp == 'k' || cp == 'K') {
          out.append('_');
          continue;
        }
      }
      if (cp == '%' || cp == '_') {
        // a literal % or _ reached through an escaped escape character cannot occur; be safe
        appendPercent(out);
        continue;
      }
      out.appendCodePoint(cp);
    }
    return Optional.of(out.toString());
  }

  private static void appendPercent(StringBuilder out) {
    if (out.length() == 0 || out.charAt(out.length() - 1) != '%') {
      out.append('%');
    }
  }

  /** No NUL and no unpaired surrogate. */
  static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }
}
