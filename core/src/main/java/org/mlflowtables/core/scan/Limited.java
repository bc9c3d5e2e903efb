package org.mlflowtables.core.scan;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Maps a lazy iterator and stops after a limit, so no page beyond the limit is fetched. */
final class Limited {
  private Limited() {}

  static <T> Iterator<Object[]> map(Iterator<T> source, Function<T, Object[]> toRow, Long limit) {
    Iterator<T> limited = take(source, limit);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return limited.hasNext();
      }

      @Override
      public Object[] next() {
        return toRow.apply(limited.next());
      }
    };
  }

  /** The first {@code limit} items (all for null), without reading past them. */
  static <T> Iterator<T> take(Iterator<T> source, Long limit) {
    if (limit == null) {
      return source;
    }
    return new Iterator<>() {
      private long left = limit;

      @Override
      public boolean hasNext() {
        return left > 0 && source.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        left--;
        return source.next();
      }
    };
  }
}
