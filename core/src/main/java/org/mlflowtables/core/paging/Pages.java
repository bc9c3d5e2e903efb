package org.mlflowtables.core.paging;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.mlflowtables.core.client.model.Page;

/**
 * Follows MLflow page tokens lazily: one page in memory at a time, every page to the end, nothing
 * silently truncated.
 */
public final class Pages {
  private Pages() {}

  /**
   * The items of every page, fetched as the iterator advances.
   *
   * @param fetch fetches the page for a token (null for the first page)
   */
  public static <T> Iterator<T> items(Function<String, Page<T>> fetch) {
    return new Iterator<>() {
      private Iterator<T> current = null;
      private String token = null;
      private boolean last = false;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (last) {
            return false;
          }
          Page<T> page = fetch.apply(token);
          current = page.items().iterator();
          token = page.nextPageToken();
          last = page.isLast();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /**
   * The pages themselves (empty ones skipped), fetched as the iterator advances: for readers that
   * work a page at a time.
   *
   * @param fetch fetches the page for a token (null for the first page)
   */
  public static <T> Iterator<List<T>> pages(Function<String, Page<T>> fetch) {
    return new Iterator<>() {
      private List<T> current = null;
      private String token = null;
      private boolean last = false;

      @Override
      public boolean hasNext() {
        while (current == null || current.isEmpty()) {
          if (last) {
            return false;
          }
          Page<T> page = fetch.apply(token);
          current = page.items();
          token = page.nextPageToken();
          last = page.isLast();
        }
        return true;
      }

      @Override
      public List<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        List<T> page = current;
        current = null;
        return page;
      }
    };
  }
}
