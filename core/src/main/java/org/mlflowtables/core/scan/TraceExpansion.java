package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.TraceSpan;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.TraceInfo;

/**
 * How a page of traces becomes a table's rows: from each trace's info as search-traces sent it
 * (traces, assessments), or from the spans of the traces (trace_spans). Serializable with its scan.
 */
abstract class TraceExpansion implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Opens the expansion for one part; {@code resources} closes what it starts. */
  abstract Function<List<TraceInfo>, Iterator<Object[]>> open(MlflowClient client,
      ScanCounters counters, Resources resources);

  /** The requests it adds to the search, for plans ("" for none). */
  abstract String describe();

  static TraceExpansion each(RowMapper<TraceInfo> rows) {
    return new Each(rows);
  }

  static TraceExpansion spans(RowMapper<TraceSpan> rows) {
    return new Spans(rows);
  }

  private static <E> List<Object[]> rowsOf(List<E> entities, RowMapper<E> rows) {
    List<Object[]> out = new ArrayList<>(entities.size());
    for (E e : entities) {
      rows.addRows(e, out);
    }
    return out;
  }

  /** Rows of each trace's info. */
  private static final class Each extends TraceExpansion {
    private static final long serialVersionUID = 1L;

    private final RowMapper<TraceInfo> rows;

    Each(RowMapper<TraceInfo> rows) {
      this.rows = rows;
    }

    @Override
    Function<List<TraceInfo>, Iterator<Object[]>> open(MlflowClient client,
        ScanCounters counters, Resources resources) {
      return traces -> rowsOf(traces, rows).iterator();
    }

    @Override
    String describe() {
      return "";
    }
  }

  /** Rows of the spans of the traces found, fetched for those traces only. */
  private static final class Spans extends TraceExpansion {
    private static final long serialVersionUID = 1L;

    private final RowMapper<TraceSpan> rows;

    Spans(RowMapper<TraceSpan> rows) {
      this.rows = rows;
    }

    @Override
    Function<List<TraceInfo>, Iterator<Object[]>> open(MlflowClient client,
        ScanCounters counters, Resources resources) {
      SpanReader reader = resources.register(new SpanReader(client, counters));
      return traces -> new RunsScan.ChainedIterator<>(reader.spans(traces),
          spans -> rowsOf(spans, rows).iterator());
    }

    @Override
    String describe() {
      return " + spans of the traces found (batch-get-traces / get-trace-artifact)";
    }
  }
}
