package org.mlflowtables.core.predicate;

import java.util.Objects;

/**
 * SQL {@code ref LIKE pattern} ({@code %} any sequence, newlines included; {@code _} exactly one
 * character), case-sensitive; {@code ILIKE} when {@code caseInsensitive} (both sides lower-cased,
 * as Spark does). {@code escape} is the escape character or null for none (the SQL standard's
 * default; Spark's default is backslash, so the Spark connector passes {@code '\\'}).
 */
public record Like(ValueRef ref, String pattern, boolean caseInsensitive, Character escape)
    implements Predicate {
  public Like {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(pattern, "pattern");
  }

  /** LIKE / ILIKE without an escape character. */
  public Like(ValueRef ref, String pattern, boolean caseInsensitive) {
    this(ref, pattern, caseInsensitive, null);
  }

  /** {@code ref LIKE 'prefix%'} matching the prefix literally (escaped with backslash). */
  public static Like startsWith(ValueRef ref, String prefix) {
    return new Like(ref, escape(prefix) + "%", false, '\\');
  }

  /** {@code ref LIKE '%suffix'} matching the suffix literally. */
  public static Like endsWith(ValueRef ref, String suffix) {
    return new Like(ref, "%" + escape(suffix), false, '\\');
  }

  /** {@code ref LIKE '%part%'} matching the part literally. */
  public static Like contains(ValueRef ref, String part) {
    return new Like(ref, "%" + escape(part) + "%", false, '\\');
  }

  private static String escape(String literal) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  @Override
  public String sql() {
    return ref.sql() + (caseInsensitive ? " ILIKE " : " LIKE ") + SqlText.string(pattern)
        + (escape == null ? "" : " ESCAPE " + SqlText.string(String.valueOf(escape)));
  }

  @Override
  public String toString() {
    return sql();
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
