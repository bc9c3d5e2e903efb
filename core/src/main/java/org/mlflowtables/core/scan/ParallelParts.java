package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * The rows of several parts of one scan, read at once: each part is drained on a thread of its own
 * into a small shared queue, and rows are handed out in batches as the parts deliver them. How an
 * engine that reads a scan as one stream (JDBC) still keeps as many searches in flight as Spark's
 * partitions would. Rows of different parts interleave (a batch of one part, then one of another);
 * within a part they keep their order. A part hands over what it has whenever the queue is empty
 * (the reader waits for nothing longer than it must), else in batches of {@link #BATCH_ROWS}.
 *
 * <p>Memory stays bounded: a part blocks once two batches a part wait in the queue, so no part
 * reads more than a few batches (and its own page prefetch) ahead of what is handed out. A failure
 * of any part is thrown to the reader, as itself, once the batches before it are read; closing
 * stops every part.
 */
final class ParallelParts implements Iterator<Object[]>, AutoCloseable {
  /** Rows a part hands over at once: few enough to interleave parts, many enough to be cheap. */
  static final int BATCH_ROWS = 256;

  private static final AtomicInteger THREADS = new AtomicInteger();

  /** A batch of rows, the end of a part (no rows, no failure), or a part's failure. */
  private record Batch(List<Object[]> rows, Throwable failure) {
    static final Batch END = new Batch(List.of(), null);
  }

  private final BlockingQueue<Batch> queue;
  private final ExecutorService threads;
  private volatile boolean closed;
  private int running;
  private Iterator<Object[]> current = Collections.emptyIterator();

  ParallelParts(List<Iterator<Object[]>> parts) {
    this.queue = new ArrayBlockingQueue<>(2 * parts.size());
    this.running = parts.size();
    this.threads = Executors.newFixedThreadPool(Math.max(1, parts.size()), r -> {
      Thread t = new Thread(r, "mlflow-part-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    for (Iterator<Object[]> part : parts) {
      threads.execute(() -> drain(part));
    }
    threads.shutdown(); // the threads end with their part
  }

  private void drain(Iterator<Object[]> part) {
    try {
      try {
        List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
        while (!closed && part.hasNext()) {
          batch.add(part.next());
          // full, or the reader has nothing to read: hand over now, before the part may wait
          // for its next page
          if (batch.size() == BATCH_ROWS || queue.isEmpty()) {
            queue.put(new Batch(batch, null));
            batch = new ArrayList<>(BATCH_ROWS);
          }
        }
        if (!batch.isEmpty()) {
          queue.put(new Batch(batch, null));
        }
        queue.put(Batch.END);
      } catch (RuntimeException | Error e) {
        queue.put(new Batch(List.of(), e));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed: the reader wants nothing more
    }
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (running == 0) {
        return false;
      }
      Batch batch = take();
      if (batch.failure() != null) {
        close();
        running = 0;
        throw rethrown(batch.failure());
      }
      if (batch == Batch.END) {
        running--;
      } else {
        current = batch.rows().iterator();
      }
    }
    return true;
  }

  @Override
  public Object[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  private Batch take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new MlflowTablesException("Interrupted while reading the parts of a scan", e);
    }
  }

  private static RuntimeException rethrown(Throwable failure) {
    if (failure instanceof Error err) {
      throw err;
    }
    return (RuntimeException) failure;
  }

  /**
   * Stops every part still reading; rows not yet handed out are dropped. A part stops at its next
   * row, so each puts at most one more batch, which the emptied queue has room for.
   */
  @Override
  public void close() {
    closed = true;
    threads.shutdownNow();
    queue.clear();
  }
}
