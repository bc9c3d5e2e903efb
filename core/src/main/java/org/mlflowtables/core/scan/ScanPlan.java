package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.predicate.Conjuncts;
import org.mlflowtables.core.predicate.Predicate;
import org.mlflowtables.core.predicate.SortKey;

/**
 * Core's decision for one scan: what MLflow evaluates, what the engine must still apply, and how
 * the rows are fetched. Immutable and serializable (Spark ships it to executors); holds no secret.
 */
public final class ScanPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TableDef table;
  private final TableScan scan;
  private final List<Predicate> pushedFilters;
  private final List<Predicate> residualFilters;
  private final List<SortKey> pushedOrder;
  private final Long pushedLimit;

  ScanPlan(TableDef table, TableScan scan, List<Predicate> pushedFilters,
      List<Predicate> residualFilters, List<SortKey> pushedOrder, Long pushedLimit) {
    this.table = table;
    this.scan = scan;
    this.pushedFilters = List.copyOf(pushedFilters);
    this.residualFilters = List.copyOf(residualFilters);
    this.pushedOrder = List.copyOf(pushedOrder);
    this.pushedLimit = pushedLimit;
  }

  public TableDef table() {
    return table;
  }

  /** Conjuncts MLflow evaluates (exactly, or loosely to prune when also in the residual). */
  public List<Predicate> pushedFilters() {
    return pushedFilters;
  }

  /** Conjuncts the engine must still apply to the rows. */
  public List<Predicate> residualFilters() {
    return residualFilters;
  }

  /** What the plan does with one conjunct an engine asked for. */
  public enum Handling {
    /** MLflow evaluates it exactly: the engine need not apply it again. */
    EXACT,
    /** Handed to MLflow to prune (or only partly): the engine applies it too. */
    PRUNED,
    /** Not handed to MLflow: the engine applies it. */
    KEPT
  }

  /**
   * What the plan does with a conjunct of the request: the one answer engines need to report a
   * filter as pushed and to decide whether to apply it again. A conjunct that core splits (an AND,
   * a negated OR) is exact when each of its parts is.
   */
  public Handling handling(Predicate conjunct) {
    List<Predicate> parts = Conjuncts.normalize(List.of(conjunct));
    if (pushedFilters.contains(conjunct) && !residualFilters.contains(conjunct)
        || pushedFilters.containsAll(parts) && parts.stream().noneMatch(residualFilters::contains)) {
      return Handling.EXACT;
    }
    boolean pushed = pushedFilters.contains(conjunct)
        || parts.stream().anyMatch(pushedFilters::contains);
    return pushed ? Handling.PRUNED : Handling.KEPT;
  }

  /** Whether MLflow evaluates the conjunct exactly: {@code handling(conjunct) == EXACT}. */
  public boolean isExact(Predicate conjunct) {
    return handling(conjunct) == Handling.EXACT;
  }

  /**
   * The ORDER BY handed to MLflow, empty when none was. Rows of one part come in this order; the
   * engine still merges parts and applies its own sort (cheap: at most the pushed limit rows).
   */
  public List<SortKey> pushedOrder() {
    return pushedOrder;
  }

  /** Whether the whole ORDER BY reached MLflow. */
  public boolean orderPushed() {
    return !pushedOrder.isEmpty();
  }

  /** The row limit MLflow was asked for, or null when the scan reads every matching row. */
  public Long pushedLimit() {
    return pushedLimit;
  }

  /**
   * The independent parts of the scan, at most {@code maxParts}; may ask the server (to list
   * experiments when no experiment predicate bounds the scan).
   */
  public List<ScanPart> parts(MlflowClient client, int maxParts) {
    return scan.parts(client, Math.max(1, maxParts), new ScanCounters(client.stats()));
  }

  /** Opens one part's rows; the iterator counts its own requests. */
  public RowIterator open(ScanPart part, MlflowClient client) {
    MlflowClient own = client.withNewStats();
    ScanCounters counters = new ScanCounters(own.stats());
    Resources resources = new Resources();
    return new CountingRows(scan.rows(part, own, counters, resources), counters, resources);
  }

  /** Every row of the scan, read as one stream of parts one after the other. */
  public RowIterator openAll(MlflowClient client) {
    return openAll(client, 1);
  }

  /**
   * Every row of the scan, for engines that read it as one stream: at most {@code streams} parts
   * read at once, their rows interleaved in batches (each part's in its order); with {@code
   * streams} 1, the parts one after the other. A scan of runs reads its first page alone and
   * splits only what is left, so a result of one page costs what one stream costs; a table whose
   * runs take requests of their own (histories, get-run, artifacts) reads its runs as one stream.
   * Each part keeps its share of {@code maxInFlight}, as a Spark partition does.
   */
  public RowIterator openAll(MlflowClient client, int streams) {
    MlflowClient own = client.withNewStats();
    ScanCounters counters = new ScanCounters(own.stats());
    Resources resources = new Resources();
    Iterator<Object[]> rows = scan.rowsAtOnce(own, Math.max(1, streams), counters, resources);
    return new CountingRows(rows, counters, resources);
  }

  /** What was pushed and how MLflow is asked, for EXPLAIN (never a secret). */
  public String describe() {
    return "MLflowScan " + table.name() + " [" + scan.describe() + "]"
        + ", PushedFilters: " + sql(pushedFilters)
        + ", PushedOrder: " + pushedOrder.stream().map(SortKey::sql)
            .collect(Collectors.joining(", ", "[", "]"))
        + ", PushedLimit: " + (pushedLimit == null ? "none" : pushedLimit)
        + ", ResidualFilters: " + sql(residualFilters);
  }

  private static String sql(List<Predicate> ps) {
    return ps.stream().map(Predicate::sql).collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Counts rows and closes the scan's resources once. */
  static final class CountingRows implements RowIterator {
    private final Iterator<Object[]> rows;
    private final ScanCounters counters;
    private final Resources resources;
    private boolean closed;

    CountingRows(Iterator<Object[]> rows, ScanCounters counters, Resources resources) {
      this.rows = rows;
      this.counters = counters;
      this.resources = resources;
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      boolean more = rows.hasNext();
      if (!more) {
        close();
      }
      return more;
    }

    @Override
    public Object[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      counters.row();
      return rows.next();
    }

    @Override
    public ScanCounters counters() {
      return counters;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        resources.close();
      }
    }
  }
}
