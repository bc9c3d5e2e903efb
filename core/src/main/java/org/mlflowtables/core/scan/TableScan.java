package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.client.MlflowClient;

/** How one table's rows are fetched, once push-down is decided. Immutable and serializable. */
abstract class TableScan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The independent parts of the scan; may call the server (e.g. to list experiments). */
  abstract List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters);

  /** The rows of one part, lazily; {@code resources} closes what the iterator opened. */
  abstract Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources);

  /**
   * Every row, for an engine that reads the scan as one stream: at most {@code streams} parts
   * read at once ({@link ParallelParts}), or the one part.
   */
  Iterator<Object[]> rowsAtOnce(MlflowClient client, int streams, ScanCounters counters,
      Resources resources) {
    return readAtOnce(parts(client, streams, counters), client, counters, resources);
  }

  /** The rows of the parts: read at once when more than one, else the one part's (or none). */
  final Iterator<Object[]> readAtOnce(List<ScanPart> parts, MlflowClient client,
      ScanCounters counters, Resources resources) {
    if (parts.size() <= 1) {
      return new RunsScan.ChainedIterator<>(parts.iterator(),
          part -> rows(part, client, counters, resources));
    }
    List<Iterator<Object[]>> each = new ArrayList<>(parts.size());
    for (ScanPart part : parts) {
      each.add(rows(part, client, counters, resources));
    }
    return resources.register(new ParallelParts(each));
  }

  /** The requests this scan sends, for plans (no secrets). */
  abstract String describe();
}
