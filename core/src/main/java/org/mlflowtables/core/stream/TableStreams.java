package org.mlflowtables.core.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.Source;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.ConfigException;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.PredicateEvaluator;

/**
 * The streams there are, by the source a table is read from: tables read from runs (runs, params,
 * tags, latest_metrics) stream each run once it finished; the metrics table streams points while
 * runs run. Other tables do not stream.
 */
public final class TableStreams {
  /** Default lateness of streams of finished runs: end times written up to 5 minutes late. */
  public static final long RUNS_LATENESS_DEFAULT_MS = 300_000;
  /** Default lateness of metric streams: points stored up to 2 s after their timestamp. */
  public static final long POINTS_LATENESS_DEFAULT_MS = 2_000;

  private TableStreams() {}

  /**
   * The stream of {@code table} with the stream options among {@code options} ({@link
   * StreamSettings}; others are ignored).
   *
   * @throws ConfigException for a table that does not stream or a bad option, naming it
   */
  public static TableStream open(TableDef table, MlflowConfig config,
      Map<String, String> options) {
    StreamSettings settings = StreamSettings.from(options);
    Source<?> source = table.read().source();
    if (source == Source.RUNS) {
      return new EndedRunsStream(table, config.viewType(),
          StreamScope.of(table, settings, config.pushDown(), false), settings,
          settings.latenessOr(RUNS_LATENESS_DEFAULT_MS));
    }
    if (source == Source.METRIC_HISTORY) {
      return new PointsStream(table, config.viewType(),
          StreamScope.of(table, settings, config.pushDown(), true), settings,
          settings.latenessOr(POINTS_LATENESS_DEFAULT_MS));
    }
    throw new ConfigException("MLflow table '" + table.name() + "' cannot be read as a stream;"
        + " the tables that stream are " + String.join(", ", streamable()));
  }

  /** The names of the tables that stream, in the catalogue's order. */
  public static List<String> streamable() {
    List<String> names = new ArrayList<>();
    for (TableDef t : Tables.all()) {
      Source<?> s = t.read().source();
      if (s == Source.RUNS || s == Source.METRIC_HISTORY) {
        names.add(t.name());
      }
    }
    return names;
  }

  /** The floor of a new stream: nothing before it is emitted. */
  static Long floor(StreamSettings settings, long now) {
    return switch (settings.start().kind()) {
      case EARLIEST -> null;
      case LATEST -> now;
      case AT -> settings.start().atMs();
    };
  }

  /** Whether a run's row of the runs table passes every conjunct. */
  @SuppressWarnings("unchecked") // the runs table's source delivers Run
  static boolean runPasses(List<Predicate> conjuncts, Run run) {
    if (conjuncts.isEmpty()) {
      return true;
    }
    List<Object[]> rows = new ArrayList<>(1);
    ((RowMapper<Run>) Tables.RUNS.read().rows()).addRows(run, rows);
    return PredicateEvaluator.testAll(conjuncts,
        PredicateEvaluator.rowOf(Tables.RUNS, rows.get(0)));
  }
}
