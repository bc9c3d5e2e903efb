package org.mlflowtables.core.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchingIteratorTest {

  /** A source of n pages that counts how many it was asked for and signals each. */
  private static final class Pages implements Iterator<Integer> {
    final int n;
    final AtomicInteger taken = new AtomicInteger();
    final CountDownLatch second = new CountDownLatch(2);
    RuntimeException failAt3;

    Pages(int n) {
      this.n = n;
    }

    @Override
    public boolean hasNext() {
      return taken.get() < n;
    }

    @Override
    public Integer next() {
      int i = taken.incrementAndGet();
      second.countDown();
      if (i == 3 && failAt3 != null) {
        throw failAt3;
      }
      return i;
    }
  }

  @Test
  void givesTheSourcesElementsInOrder() {
    try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(new Pages(5))) {
      List<Integer> seen = new ArrayList<>();
      it.forEachRemaining(seen::add);
      assertEquals(List.of(1, 2, 3, 4, 5), seen);
      assertFalse(it.hasNext());
    }
  }

  @Test
  void asksForTheNextElementWhileTheCallerWorksOnThisOne() throws InterruptedException {
    Pages pages = new Pages(5);
    try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(pages)) {
      assertEquals(1, it.next());
      // the caller has not asked again, yet the second page is (being) fetched
      assertTrue(pages.second.await(10, TimeUnit.SECONDS), "second page fetched ahead");
      Thread.sleep(100);
      assertEquals(2, pages.taken.get(), "never more than one page ahead");
    }
  }

  @Test
  void asksNothingPastTheEndOfAnEmptySource() {
    Pages pages = new Pages(0);
    try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(pages)) {
      assertFalse(it.hasNext());
      assertFalse(it.hasNext());
      assertEquals(0, pages.taken.get());
    }
  }

  @Test
  void aFailureOfTheSourceReachesTheCallerAsItself() {
    Pages pages = new Pages(5);
    pages.failAt3 = new IllegalStateException("page 3 failed");
    try (PrefetchingIterator<Integer> it = new PrefetchingIterator<>(pages)) {
      assertEquals(1, it.next());
      assertEquals(2, it.next());
      IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
      assertEquals("page 3 failed", e.getMessage());
    }
  }
}
