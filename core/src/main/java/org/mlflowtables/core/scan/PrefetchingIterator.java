package org.mlflowtables.core.scan;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * Reads the next element of a source iterator (a page of a search) on a thread of its own while
 * the caller works on the current one, at most one element ahead: while the engine turns page n
 * into rows, page n+1 is being requested. The source is only ever called from that thread, one
 * call at a time, so it needs no thread safety; it asks for nothing past its own end, so a scan
 * read to the end sends the same requests as without prefetch. A scan closed early may have asked
 * for one page it never returns.
 */
final class PrefetchingIterator<T> implements Iterator<T>, AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Object END = new Object();

  private final Iterator<T> source;
  private final ExecutorService thread;
  private Future<Object> ahead; // the element being fetched, or null
  private Object ready; // fetched and not yet returned (END at the end), or null

  PrefetchingIterator(Iterator<T> source) {
    this.source = source;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mlflow-prefetch-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public boolean hasNext() {
    if (ready == null) {
      if (ahead == null) {
        ahead = fetch();
      }
      ready = await(ahead, "reading a page");
      ahead = ready == END ? null : fetch();
    }
    return ready != END;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = (T) ready;
    ready = null;
    return item;
  }

  private Future<Object> fetch() {
    return thread.submit(() -> source.hasNext() ? source.next() : END);
  }

  /**
   * The result of work on another thread, as if it ran on this one: its runtime exceptions and
   * errors as themselves, the rest wrapped and named by {@code what}.
   */
  static <V> V await(Future<V> f, String what) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowTablesException("Interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new MlflowTablesException("Failed while " + what, e.getCause());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
