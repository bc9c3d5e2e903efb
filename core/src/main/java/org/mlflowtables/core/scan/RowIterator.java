package org.mlflowtables.core.scan;

import java.util.Iterator;

/**
 * The rows of one scan part, fetched lazily page by page. A row is an {@code Object[]} in the
 * table's column order, with core's value types (see {@link org.mlflowtables.core.catalog.ColumnType}).
 * Close it to stop paging early (a LIMIT, a cancelled statement).
 */
public interface RowIterator extends Iterator<Object[]>, AutoCloseable {
  /** Requests, pages, rows and retries so far. */
  ScanCounters counters();

  @Override
  void close();
}
