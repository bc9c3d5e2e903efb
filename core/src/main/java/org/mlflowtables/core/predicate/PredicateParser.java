package org.mlflowtables.core.predicate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.exceptions.InvalidPredicateException;

/**
 * Reads a WHERE condition written as text into core's predicate model, for engines that receive
 * filters as text (streaming options: Spark offers no filters to streaming sources). The grammar is
 * the SQL that push-down understands, in Spark's spelling:
 *
 * <pre>
 *   condition := term (OR term)*            term := factor (AND factor)*
 *   factor    := NOT factor | '(' condition ')' | test
 *   test      := ref op value | value op ref | ref [NOT] IN '(' value (',' value)* ')'
 *              | ref [NOT] (LIKE | ILIKE) 'pattern' [ESCAPE 'c'] | ref IS [NOT] NULL
 *              | ref [NOT] BETWEEN value AND value
 *   ref       := column | column '[' 'key' ']'      (a column may be quoted in backticks)
 *   value     := 'string' | number | TRUE | FALSE | NULL | TIMESTAMP 'yyyy-MM-dd[ HH:mm:ss[.SSS]]'
 *   op        := = | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * </pre>
 *
 * Keywords are case-insensitive; a quote inside a string is doubled ({@code 'it''s'}) or escaped
 * ({@code 'it\'s'}). Timestamps are UTC; a number compared with a TIMESTAMP column is epoch
 * milliseconds. Every column is checked against the table ({@link PredicateValidator}).
 */
public final class PredicateParser {
  private final String text;
  private final List<Token> tokens;
  private int pos;

  private PredicateParser(String text) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  /**
   * The condition as one predicate over {@code table}'s columns.
   *
   * @throws InvalidPredicateException naming the position and what was expected
   * @throws org.mlflowtables.core.exceptions.UnknownColumnException for an unknown column
   */
  public static Predicate parse(TableDef table, String text) {
    PredicateParser p = new PredicateParser(text);
    Predicate result = p.condition();
    if (p.peek().kind != Kind.END) {
      throw p.error("expected AND, OR or the end");
    }
    PredicateValidator.validate(table, result);
    return result;
  }

  private Predicate condition() {
    List<Predicate> terms = new ArrayList<>(List.of(term()));
    while (acceptWord("OR")) {
      terms.add(term());
    }
    return terms.size() == 1 ? terms.get(0) : new Or(terms);
  }

  private Predicate term() {
    List<Predicate> factors = new ArrayList<>(List.of(factor()));
    while (acceptWord("AND")) {
      factors.add(factor());
    }
    return factors.size() == 1 ? factors.get(0) : new And(factors);
  }

  private Predicate factor() {
    if (acceptWord("NOT")) {
      return new Not(factor());
    }
    if (peek().is(Kind.SYMBOL, "(")) {
      pos++;
      Predicate inner = condition();
      expect(Kind.SYMBOL, ")");
      return inner;
    }
    return test();
  }

  private Predicate test() {
    if (!startsRef()) {
      Literal left = value();
      CompareOp op = compareOp().orElseThrow(() -> error("expected a comparison operator"));
      return new Comparison(ref(), op.flip(), left);
    }
    ValueRef ref = ref();
    Optional<CompareOp> op = compareOp();
    if (op.isPresent()) {
      return new Comparison(ref, op.get(), value());
    }
    if (acceptWord("IS")) {
      boolean not = acceptWord("NOT");
      expectWord("NULL");
      return not ? new IsNotNull(ref) : new IsNull(ref);
    }
    boolean not = acceptWord("NOT");
    Predicate p;
    if (acceptWord("IN")) {
      expect(Kind.SYMBOL, "(");
      List<Literal> values = new ArrayList<>(List.of(value()));
      while (accept(Kind.SYMBOL, ",")) {
        values.add(value());
      }
      expect(Kind.SYMBOL, ")");
      p = new In(ref, values);
    } else if (peek().isWord("LIKE") || peek().isWord("ILIKE")) {
      boolean ci = next().isWord("ILIKE");
      String pattern = string("a LIKE pattern");
      Character escape = null;
      if (acceptWord("ESCAPE")) {
        String e = string("an ESCAPE character");
        if (e.length() != 1) {
          throw error("ESCAPE takes one character, got '" + e + "'");
        }
        escape = e.charAt(0);
      }
      p = new Like(ref, pattern, ci, escape);
    } else if (acceptWord("BETWEEN")) {
      Literal low = value();
      expectWord("AND");
      p = new And(List.of(new Comparison(ref, CompareOp.GE, low),
          new Comparison(ref, CompareOp.LE, value())));
    } else {
      throw error("expected a comparison, IN, LIKE, ILIKE, BETWEEN or IS [NOT] NULL after "
          + ref.sql());
    }
    return not ? new Not(p) : p;
  }

  private boolean startsRef() {
    Token t = peek();
    return t.kind == Kind.QUOTED_NAME
        || t.kind == Kind.WORD && !List.of("TRUE", "FALSE", "NULL", "TIMESTAMP", "NOT")
            .contains(t.text.toUpperCase(Locale.ROOT));
  }

  private ValueRef ref() {
    Token t = next();
    if (t.kind != Kind.WORD && t.kind != Kind.QUOTED_NAME) {
      throw error(t, "expected a column");
    }
    if (accept(Kind.SYMBOL, "[")) {
      String key = string("a map key");
      expect(Kind.SYMBOL, "]");
      return new MapEntryRef(t.text, key);
    }
    return new ColumnRef(t.text);
  }

  private Optional<CompareOp> compareOp() {
    Token t = peek();
    if (t.kind != Kind.SYMBOL) {
      return Optional.empty();
    }
    CompareOp op = switch (t.text) {
      case "=", "==" -> CompareOp.EQ;
      case "!=", "<>" -> CompareOp.NE;
      case "<" -> CompareOp.LT;
      case "<=" -> CompareOp.LE;
      case ">" -> CompareOp.GT;
      case ">=" -> CompareOp.GE;
      default -> null;
    };
    if (op != null) {
      pos++;
    }
    return Optional.ofNullable(op);
  }

  private Literal value() {
    Token t = next();
    switch (t.kind) {
      case STRING:
        return new Literal(t.text);
      case NUMBER:
        return new Literal(number(t));
      case WORD:
        switch (t.text.toUpperCase(Locale.ROOT)) {
          case "TRUE":
            return new Literal(Boolean.TRUE);
          case "FALSE":
            return new Literal(Boolean.FALSE);
          case "NULL":
            return Literal.NULL;
          case "TIMESTAMP":
            return new Literal(timestamp(string("a timestamp")));
          default:
            break;
        }
        break;
      default:
        break;
    }
    throw error(t, "expected a value (a 'string', a number, TRUE, FALSE, NULL or TIMESTAMP '...')");
  }

  private Object number(Token t) {
    String s = t.text;
    try {
      if (s.matches("-?[0-9]+")) {
        return Long.parseLong(s);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(t, "number out of range");
    }
  }

  private long timestamp(String s) {
    String v = s.trim();
    try {
      if (v.endsWith("Z")) {
        return Instant.parse(v).toEpochMilli();
      }
      String iso = v.length() == 10 ? v + "T00:00:00" : v.replace(' ', 'T');
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw error("not a timestamp: '" + s + "' (expected yyyy-MM-dd[ HH:mm:ss[.SSS]], UTC)");
    }
  }

  private String string(String what) {
    Token t = next();
    if (t.kind != Kind.STRING) {
      throw error(t, "expected " + what + " in single quotes");
    }
    return t.text;
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind != Kind.END) {
      pos++;
    }
    return t;
  }

  private boolean accept(Kind kind, String text) {
    if (peek().is(kind, text)) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean acceptWord(String word) {
    if (peek().isWord(word)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(Kind kind, String text) {
    if (!accept(kind, text)) {
      throw error("expected '" + text + "'");
    }
  }

  private void expectWord(String word) {
    if (!acceptWord(word)) {
      throw error("expected " + word);
    }
  }

  private InvalidPredicateException error(String expected) {
    return error(peek(), expected);
  }

  private InvalidPredicateException error(Token at, String expected) {
    String found = at.kind == Kind.END ? "the end" : "'" + text.substring(at.start, at.end) + "'";
    return new InvalidPredicateException("Cannot read condition \"" + text + "\": " + expected
        + ", found " + found + " at position " + (at.start + 1));
  }

  // ---- tokens ------------------------------------------------------------------------------

  private enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL, END }

  private record Token(Kind kind, String text, int start, int end) {
    boolean is(Kind k, String s) {
      return kind == k && text.equals(s);
    }

    boolean isWord(String w) {
      return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetter(c) || c == '_') {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Token(Kind.WORD, s.substring(start, i), start, i));
      } else if (c == '`' || c == '\'') {
        StringBuilder b = new StringBuilder();
        i = quoted(s, i, c, b);
        out.add(new Token(c == '`' ? Kind.QUOTED_NAME : Kind.STRING, b.toString(), start, i));
      } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < s.length()
          && Character.isDigit(s.charAt(i + 1))) {
        i++;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.'
            || "eE".indexOf(s.charAt(i)) >= 0
            || "+-".indexOf(s.charAt(i)) >= 0 && "eE".indexOf(s.charAt(i - 1)) >= 0)) {
          i++;
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start, i));
      } else {
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        String sym = List.of("<=", ">=", "<>", "!=", "==").contains(two) ? two
            : "=<>(),[]".indexOf(c) >= 0 ? String.valueOf(c) : null;
        if (sym == null) {
          throw new InvalidPredicateException("Cannot read condition \"" + s
              + "\": unexpected character '" + c + "' at position " + (i + 1));
        }
        i += sym.length();
        out.add(new Token(Kind.SYMBOL, sym, start, i));
      }
    }
    out.add(new Token(Kind.END, "", s.length(), s.length()));
    return out;
  }

  /** Reads a quoted name or string from {@code i}; returns the index after its closing quote. */
  private static int quoted(String s, int i, char quote, StringBuilder b) {
    for (int j = i + 1; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          b.append(quote);
          j++;
          continue;
        }
        return j + 1;
      }
      if (c == '\\' && quote == '\'' && j + 1 < s.length()) {
        b.append(s.charAt(++j));
        continue;
      }
      b.append(c);
    }
    throw new InvalidPredicateException("Cannot read condition \"" + s + "\": the quote "
        + quote + " at position " + (i + 1) + " is not closed");
  }
}
