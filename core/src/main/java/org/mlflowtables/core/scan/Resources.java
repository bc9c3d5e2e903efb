package org.mlflowtables.core.scan;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Things a row iterator opened (thread pools) and must close with it, closed in the reverse order
 * of opening (what was opened on top of another closes first). Parts read at once may register
 * from their own threads; whatever is registered after closing is closed at once.
 */
final class Resources implements AutoCloseable {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private boolean closed;

  <T extends AutoCloseable> T register(T resource) {
    synchronized (this) {
      if (!closed) {
        open.push(resource);
        return resource;
      }
    }
    closeQuietly(resource);
    return resource;
  }

  @Override
  public void close() {
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        closed = true;
        next = open.poll();
      }
      if (next == null) {
        return;
      }
      closeQuietly(next);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing is best effort: the scan is over either way
    }
  }
}
