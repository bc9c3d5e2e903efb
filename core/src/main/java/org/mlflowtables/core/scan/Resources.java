package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.List;

/** Things a row iterator opened (thread pools) and must close with it. */
final class Resources implements AutoCloseable {
  private final List<AutoCloseable> open = new ArrayList<>();

  <T extends AutoCloseable> T register(T resource) {
    open.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing is best effort: the scan is over either way
      }
    }
    open.clear();
  }
}
