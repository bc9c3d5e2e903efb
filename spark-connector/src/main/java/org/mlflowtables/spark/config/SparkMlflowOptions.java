package org.mlflowtables.spark.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.stream.StreamSettings;

/**
 * The options of one MLflow read or write in Spark: core's settings ({@link MlflowConfig}, e.g.
 * {@code uri}, {@code token}, {@code pushDown}) plus the few that only Spark has:
 *
 * <ul>
 *   <li>{@code path} / {@code table}: the table name ({@code load("runs")} sets {@code path});
 *   <li>{@code maxPartitions}: the most partitions a scan is split into (default: Spark's default
 *       parallelism);
 *   <li>the options of streaming reads ({@link StreamSettings#KEYS}: {@code startingOffsets},
 *       {@code lateness}, {@code maxRunsPerTrigger}, {@code where}, {@code runsWhere}), kept for
 *       core's {@link org.mlflowtables.core.stream.TableStreams}; batch reads ignore them.
 * </ul>
 *
 * <p>Keys are case-insensitive. Any other key is refused by {@link MlflowConfig#from}, naming it.
 * Immutable and serializable; {@link #toString()} never shows a secret.
 */
public final class SparkMlflowOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PATH = "path";
  public static final String PATHS = "paths";
  public static final String TABLE = "table";
  public static final String MAX_PARTITIONS = "maxPartitions";

  private static final Set<String> SPARK_ONLY = Set.of("path", "paths", "table", "maxpartitions");

  private final String table;
  private final MlflowConfig config;
  private final Integer maxPartitions;
  private final Map<String, String> stream;

  private SparkMlflowOptions(String table, MlflowConfig config, Integer maxPartitions,
      Map<String, String> stream) {
    this.table = table;
    this.config = config;
    this.maxPartitions = maxPartitions;
    this.stream = stream;
  }

  /**
   * Splits Spark options into the table name, core's settings and Spark's own settings.
   *
   * @throws ConfigException for an unknown option or an invalid value, naming it
   */
  public static SparkMlflowOptions from(Map<String, String> options) {
    Map<String, String> core = new LinkedHashMap<>();
    Map<String, String> spark = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> stream = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (SPARK_ONLY.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        spark.put(e.getKey(), e.getValue());
      } else if (StreamSettings.KEYS.contains(e.getKey())) {
        stream.put(e.getKey(), e.getValue());
      } else {
        core.put(e.getKey(), e.getValue());
      }
    }
    if (spark.containsKey(PATHS) && !"[]".equals(spark.get(PATHS).trim())) {
      throw new ConfigException(
          "An MLflow read or write takes one table name, not several paths: got " + spark.get(PATHS));
    }
    String path = blankToNull(spark.get(PATH));
    String tableOption = blankToNull(spark.get(TABLE));
    if (path != null && tableOption != null && !path.equalsIgnoreCase(tableOption)) {
      throw new ConfigException("Option 'table' is '" + tableOption + "' but the path names table '"
          + path + "': give the table once");
    }
    String table = path != null ? path : tableOption;
    Integer maxPartitions = null;
    String raw = blankToNull(spark.get(MAX_PARTITIONS));
    if (raw != null) {
      try {
        maxPartitions = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        maxPartitions = -1;
      }
      if (maxPartitions < 1) {
        throw new ConfigException("Invalid value '" + raw + "' for option '" + MAX_PARTITIONS
            + "': must be a positive integer");
      }
    }
    StreamSettings.from(stream); // a bad value fails at load(), naming the option
    return new SparkMlflowOptions(table, MlflowConfig.from(core), maxPartitions,
        java.util.Collections.unmodifiableMap(stream));
  }

  /** The same connection settings for another table (catalog tables share one connection). */
  public SparkMlflowOptions forTable(String tableName) {
    return new SparkMlflowOptions(tableName, config, maxPartitions, stream);
  }

  /**
   * These options with per-read or per-write options laid over them (the latter win).
   *
   * @throws ConfigException for an unknown option or an invalid value, naming it
   */
  public SparkMlflowOptions merge(Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return this;
    }
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(config.toMap());
    if (maxPartitions != null) {
      all.put(MAX_PARTITIONS, maxPartitions.toString());
    }
    all.putAll(stream);
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey();
      boolean names = key.equalsIgnoreCase(PATH) || key.equalsIgnoreCase(TABLE);
      if (names && table != null && e.getValue() != null
          && !table.equalsIgnoreCase(e.getValue().trim())) {
        throw new ConfigException("Option '" + key + "' names table '" + e.getValue()
            + "' but this is table '" + table + "'");
      }
      if (!names) {
        all.put(key, e.getValue());
      }
    }
    return from(all).forTable(table);
  }

  /** The table name, or null when none was given (a catalog's options). */
  public String table() {
    return table;
  }

  public MlflowConfig config() {
    return config;
  }

  /** The options of a streaming read, as given (see {@link StreamSettings}). */
  public Map<String, String> stream() {
    return stream;
  }

  /** The most partitions a scan may have, or {@code dflt} when not set. */
  public int maxPartitions(int dflt) {
    return maxPartitions != null ? maxPartitions : Math.max(1, dflt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparkMlflowOptions other && Objects.equals(table, other.table)
        && config.equals(other.config) && Objects.equals(maxPartitions, other.maxPartitions)
        && stream.equals(other.stream);
  }

  @Override
  public int hashCode() {
    return Objects.hash(table, config, maxPartitions, stream);
  }

  @Override
  public String toString() {
    return "SparkMlflowOptions{table=" + table + ", " + config
        + (maxPartitions != null ? ", maxPartitions=" + maxPartitions : "")
        + (stream.isEmpty() ? "" : ", stream=" + stream) + "}";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
