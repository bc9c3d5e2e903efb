package org.mlflowtables.core.stream;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * The options of a stream, beside the connection settings ({@link
 * org.mlflowtables.core.config.MlflowConfig}): where it starts, how late an event may arrive, how
 * much one micro-batch takes, and its filters (as text: engines do not offer filters to streaming
 * sources). Names are case-insensitive; an unknown value fails naming the option.
 *
 * @param start where a stream without a checkpoint starts
 * @param latenessMs the allowed lateness in milliseconds (see docs/streaming.md)
 * @param maxRunsPerTrigger the most newly finished runs one micro-batch takes
 * @param where a condition on the streamed table's columns, or null
 * @param runsWhere a condition on the runs table's columns choosing the runs a history stream
 *     follows, or null
 */
public record StreamSettings(Start start, Long latenessMs, int maxRunsPerTrigger, String where,
    String runsWhere) implements Serializable {
  public static final String STARTING_OFFSETS = "startingOffsets";
  public static final String LATENESS = "lateness";
  public static final String MAX_RUNS_PER_TRIGGER = "maxRunsPerTrigger";
  public static final String WHERE = "where";
  public static final String RUNS_WHERE = "runsWhere";

  public static final int MAX_RUNS_PER_TRIGGER_DEFAULT = 1_000;

  /** Every option name, in its documented spelling. */
  public static final Set<String> KEYS = keys();

  private static Set<String> keys() {
    Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    s.addAll(Set.of(STARTING_OFFSETS, LATENESS, MAX_RUNS_PER_TRIGGER, WHERE, RUNS_WHERE));
    return java.util.Collections.unmodifiableSet(s);
  }

  private static final Pattern DURATION = Pattern.compile(
      "(\\d+)\\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?");

  /**
   * Where a stream starts when it has no checkpoint.
   *
   * @param kind EARLIEST, LATEST or AT
   * @param atMs for AT, the epoch milliseconds
   */
  public record Start(Kind kind, long atMs) implements Serializable {
    /** The kinds of start. */
    public enum Kind { EARLIEST, LATEST, AT }

    /** The text form, as the option takes it. */
    public String text() {
      return kind == Kind.AT ? Long.toString(atMs) : kind.name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Reads the options named in {@link #KEYS} from {@code options} (others are ignored).
   *
   * @throws ConfigException naming the option and the values it takes
   */
  public static StreamSettings from(Map<String, String> options) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.forEach((k, v) -> {
      if (KEYS.contains(k) && v != null && !v.isBlank()) {
        o.put(k, v.trim());
      }
    });
    return new StreamSettings(start(o.get(STARTING_OFFSETS)), lateness(o.get(LATENESS)),
        maxRuns(o.get(MAX_RUNS_PER_TRIGGER)), o.get(WHERE), o.get(RUNS_WHERE));
  }

  /** The options, as {@link #from} reads them (the lateness in milliseconds, when set). */
  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    m.put(STARTING_OFFSETS, start.text());
    if (latenessMs != null) {
      m.put(LATENESS, latenessMs + "ms");
    }
    m.put(MAX_RUNS_PER_TRIGGER, Integer.toString(maxRunsPerTrigger));
    if (where != null) {
      m.put(WHERE, where);
    }
    if (runsWhere != null) {
      m.put(RUNS_WHERE, runsWhere);
    }
    return m;
  }

  /** The lateness, or {@code dflt} when the option is not set. */
  public long latenessOr(long dflt) {
    return latenessMs == null ? dflt : latenessMs;
  }

  private static Start start(String v) {
    if (v == null || v.equalsIgnoreCase("latest")) {
      return new Start(Start.Kind.LATEST, 0);
    }
    if (v.equalsIgnoreCase("earliest")) {
      return new Start(Start.Kind.EARLIEST, 0);
    }
    try {
      long ms = Long.parseLong(v);
      if (ms >= 0) {
        return new Start(Start.Kind.AT, ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("Invalid value '" + v + "' for option '" + STARTING_OFFSETS
        + "': expected earliest, latest or a time in epoch milliseconds");
  }

  /** Milliseconds of a duration such as {@code 500ms}, {@code 2s}, {@code 5 minutes}. */
  static Long lateness(String v) {
    if (v == null) {
      return null;
    }
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException("Invalid value '" + v + "' for option '" + LATENESS
          + "': expected a duration such as 500ms, 2s, 5m or 1h (a bare number is milliseconds)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    long factor = unit.equals("ms") ? 1 : unit.startsWith("s") ? 1_000
        : unit.startsWith("m") ? 60_000 : 3_600_000;
    return Math.multiplyExact(n, factor);
  }

  private static int maxRuns(String v) {
    if (v == null) {
      return MAX_RUNS_PER_TRIGGER_DEFAULT;
    }
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("Invalid value '" + v + "' for option '" + MAX_RUNS_PER_TRIGGER
        + "': must be a positive integer");
  }
}
