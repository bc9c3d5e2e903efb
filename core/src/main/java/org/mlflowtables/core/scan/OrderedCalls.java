package org.mlflowtables.core.scan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls on threads of its own, at most {@code maxInFlight} at once, and gives their results
 * in the order of the calls, lazily: a call starts when a result before it is taken, so memory
 * holds at most {@code maxInFlight} results.
 */
final class OrderedCalls implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final int maxInFlight;
  private final ExecutorService pool;

  OrderedCalls(String threadName, int maxInFlight) {
    this.maxInFlight = Math.max(1, maxInFlight);
    this.pool = Executors.newFixedThreadPool(this.maxInFlight, r -> {
      Thread t = new Thread(r, threadName + "-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The calls' results in order; {@code what} names the work in errors. */
  <R> Iterator<R> results(List<Callable<R>> calls, String what) {
    Iterator<Callable<R>> todo = calls.iterator();
    Deque<Future<R>> inFlight = new ArrayDeque<>();
    return new Iterator<>() {
      private void fill() {
        while (inFlight.size() < maxInFlight && todo.hasNext()) {
          inFlight.add(pool.submit(todo.next()));
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
      }

      @Override
      public R next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        R r = PrefetchingIterator.await(inFlight.poll(), what);
        fill();
        return r;
      }
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
