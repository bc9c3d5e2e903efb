package org.mlflowtables.core.scan;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;
import org.mlflowtables.core.client.RequestStats;

/** What one scan (or one part of it) cost: requests, pages, rows and retries, for engines' metrics. */
public final class ScanCounters implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RequestStats requestStats;
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();

  public ScanCounters(RequestStats requestStats) {
    this.requestStats = requestStats;
  }

  void page() {
    pages.incrementAndGet();
  }

  void row() {
    rows.incrementAndGet();
  }

  /** HTTP requests sent, retries included. */
  public long requests() {
    return requestStats.requests();
  }

  public long retries() {
    return requestStats.retries();
  }

  public long bytes() {
    return requestStats.bytesReceived();
  }

  /** Pages (search answers) read. */
  public long pages() {
    return pages.get();
  }

  /** Rows produced. */
  public long rows() {
    return rows.get();
  }

  @Override
  public String toString() {
    return "requests=" + requests() + ", pages=" + pages() + ", rows=" + rows() + ", retries="
        + retries();
  }
}
