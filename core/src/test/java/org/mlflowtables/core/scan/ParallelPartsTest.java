package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelPartsTest {

  /** A part of n rows {part, i}; counts the rows asked of it. */
  private static class Part implements Iterator<Object[]> {
    final int id;
    final int n;
    final AtomicInteger taken = new AtomicInteger();

    Part(int id, int n) {
      this.id = id;
      this.n = n;
    }

    @Override
    public boolean hasNext() {
      return taken.get() < n;
    }

    @Override
    public Object[] next() {
      return new Object[] {id, taken.getAndIncrement()};
    }
  }

  private static List<Object[]> readAll(Iterator<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    rows.forEachRemaining(out::add);
    return out;
  }

  @Test
  void handsOutEveryRowOfEveryPartOnceEachPartInItsOrder() {
    int[] sizes = {1000, 0, 1, ParallelParts.BATCH_ROWS * 3};
    List<Iterator<Object[]>> parts = new ArrayList<>();
    for (int p = 0; p < sizes.length; p++) {
      parts.add(new Part(p, sizes[p]));
    }
    try (ParallelParts rows = new ParallelParts(parts)) {
      List<Object[]> all = readAll(rows);
      assertEquals(1000 + 0 + 1 + ParallelParts.BATCH_ROWS * 3, all.size());
      for (int p = 0; p < sizes.length; p++) {
        int part = p;
        List<Integer> order = all.stream().filter(r -> (int) r[0] == part)
            .map(r -> (Integer) r[1]).toList();
        assertEquals(sizes[p], order.size(), "rows of part " + p);
        for (int i = 0; i < order.size(); i++) {
          assertEquals(i, order.get(i), "row " + i + " of part " + p);
        }
      }
      assertFalse(rows.hasNext());
    }
  }

  @Test
  void readsThePartsAtOnce() {
    // Part 0 gives its first row only once part 1 has been asked for one: read one after the
    // other, the first part would wait for ever (here: 10 s, then fail).
    CountDownLatch secondStarted = new CountDownLatch(1);
    Part first = new Part(0, 5) {
      @Override
      public boolean hasNext() {
        try {
          assertTrue(secondStarted.await(10, TimeUnit.SECONDS), "part 1 read while part 0 waits");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return super.hasNext();
      }
    };
    Part second = new Part(1, 5) {
      @Override
      public boolean hasNext() {
        secondStarted.countDown();
        return super.hasNext();
      }
    };
    try (ParallelParts rows = new ParallelParts(List.of(first, second))) {
      assertEquals(10, readAll(rows).size());
    }
  }

  @Test
  void aPartsFailureReachesTheReaderAsItself() {
    IllegalStateException failure = new IllegalStateException("part 1 failed");
    Part failing = new Part(1, 10) {
      @Override
      public Object[] next() {
        if (taken.get() == 3) {
          throw failure;
        }
        return super.next();
      }
    };
    try (ParallelParts rows = new ParallelParts(List.of(new Part(0, 10), failing))) {
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> readAll(rows));
      assertSame(failure, thrown);
    }
  }

  @Test
  void readsNoFurtherThanTwoBatchesAPartAheadOfTheReader() throws InterruptedException {
    Part big = new Part(0, 100 * ParallelParts.BATCH_ROWS);
    try (ParallelParts rows = new ParallelParts(List.of(big, new Part(1, 0)))) {
      assertTrue(rows.hasNext());
      Thread.sleep(300);
      // handed out: one batch; queued: at most the queue's 4; one more being built
      assertTrue(big.taken.get() <= 6 * ParallelParts.BATCH_ROWS,
          "rows read ahead: " + big.taken.get());
    }
  }

  @Test
  void closingStopsEveryPart() throws InterruptedException {
    Part endless = new Part(0, Integer.MAX_VALUE);
    ParallelParts rows = new ParallelParts(List.of(endless, new Part(1, Integer.MAX_VALUE)));
    rows.next();
    rows.close();
    Thread.sleep(200);
    int after = endless.taken.get();
    Thread.sleep(200);
    assertEquals(after, endless.taken.get(), "no row read after close");
  }
}
