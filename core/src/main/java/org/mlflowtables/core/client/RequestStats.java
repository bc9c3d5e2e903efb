package org.mlflowtables.core.client;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/** Counts a client's HTTP requests, retries and bytes received, for the engines to report. */
public final class RequestStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  void request() {
    requests.incrementAndGet();
  }

  void retry() {
    retries.incrementAndGet();
  }

  void received(long bytes) {
    if (bytes > 0) {
      bytesReceived.addAndGet(bytes);
    }
  }

  /** HTTP requests sent, retries included. */
  public long requests() {
    return requests.get();
  }

  /** Requests that were retries of an earlier failed attempt. */
  public long retries() {
    return retries.get();
  }

  /** Response body bytes read. */
  public long bytesReceived() {
    return bytesReceived.get();
  }

  @Override
  public String toString() {
    return "requests=" + requests() + ", retries=" + retries() + ", bytes=" + bytesReceived();
  }
}
