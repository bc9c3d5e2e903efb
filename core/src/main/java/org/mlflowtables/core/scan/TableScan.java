package org.mlflowtables.core.scan;

import java.io.Serializable;
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

  /** The requests this scan sends, for plans (no secrets). */
  abstract String describe();
}
