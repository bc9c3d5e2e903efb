package org.mlflowtables.core.scan;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.ArrayList;
import java.util.List;
import org.mlflowtables.core.catalog.RowMapper;

/** Maps a lazy iterator to rows and stops after a limit, so no page beyond it is fetched. */
final class Limited {
  private Limited() {}

  /** The rows of the first {@code limit} entities (all for null), fetching no further. */
  static <T> Iterator<Object[]> rows(Iterator<T> source, RowMapper<T> mapper, Long limit) {
    return new RunsScan.ChainedIterator<>(take(source, limit), entity -> {
      List<Object[]> out = new ArrayList<>(1);
      mapper.addRows(entity, out);
      return out.iterator();
    });
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
