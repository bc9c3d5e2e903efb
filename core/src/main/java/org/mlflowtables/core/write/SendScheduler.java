package org.mlflowtables.core.write;

import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.RequestPacker.Packed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the buffered runs ({@link RunBuffers}) with back-pressure: at most {@code maxInFlight}
 * requests (reads and log-batches) at once, a run's tags one request after another, a run as soon as
 * its buffer fills a request and its rows can be decided on, everything on flush; {@link #add}
 * waits while the buffer is over budget, sending the largest runs early. The first failure stops
 * it: what is buffered is dropped and every later call throws the failure.
 */
final class SendScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriter.class);
  private static final AtomicInteger WRITER_IDS = new AtomicInteger();

  private final LogBatchBackend backend;
  private final WriterOptions options;
  private final WriteCounters counters;
  private final ServerCheck check;
  private final ThreadPoolExecutor executor;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final RunBuffers buffers;
  /** Runs that may be sendable (looked at, and dropped if not, by {@link #dispatch}). */
  private final ArrayDeque<RunBuffer> queue = new ArrayDeque<>();
  private int active;
  private int flushing;
  private WriteException failure;
  private boolean closed;

  SendScheduler(LogBatchBackend backend, WriterOptions options, WriteCounters counters) {
    this.backend = backend;
    this.options = options;
    this.counters = counters;
    this.buffers = new RunBuffers(options, counters);
    this.check = options.deduplicate() ? new Deduplicator(
        new ServerReads(backend, options.historyPage()), buffers.byRunId(), counters)
        : ServerCheck.NONE;
    int id = WRITER_IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(options.maxInFlight(), options.maxInFlight(), 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "mlflow-log-batch-" + id + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.executor.allowCoreThreadTimeOut(true);
  }

  long pointsRead() {
    return check.pointsRead();
  }

  /** Buffers a validated row; waits while too much is buffered. */
  void add(LogRow row) {
    lock.lock();
    try {
      ensureUsable();
      RunBuffer run = buffers.add(row);
      if (run == null) {
        return;
      }
      check.buffered(run, row);
      offer(run);
      dispatch();
      while (failure == null && buffers.overBudget()) {
        relievePressure();
        awaitProgress();
      }
      ensureUsable();
    } finally {
      lock.unlock();
    }
  }

  /** Sends everything buffered and waits for the answers. */
  WriteResult flush() {
    lock.lock();
    try {
      ensureUsable();
      flushing++;
      try {
        buffers.all().forEach(this::offer);
        while (failure == null && (buffers.rows() > 0 || active > 0)) {
          awaitProgress();
        }
      } finally {
        flushing--;
      }
      ensureUsable();
      return counters.snapshot();
    } finally {
      lock.unlock();
    }
  }

  /** Flushes, then releases the threads; a second call does nothing. */
  void close() {
    lock.lock();
    try {
      if (!closed) {
        try {
          flush();
        } finally {
          stop();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops what is buffered, waits for the requests in flight, releases the threads. */
  WriteResult abort() {
    lock.lock();
    try {
      stop();
      return counters.snapshot();
    } finally {
      lock.unlock();
    }
  }

  private void stop() {
    closed = true;
    discardBuffered();
    while (active > 0) {
      changed.awaitUninterruptibly();
    }
    executor.shutdown();
  }

  long bufferedRows() {
    lock.lock();
    try {
      return buffers.rows();
    } finally {
      lock.unlock();
    }
  }

  // ---- under the lock ------------------------------------------------------------------------

  private void ensureUsable() {
    if (failure != null) {
      throw failure.withResult(counters.snapshot());
    }
    if (closed) {
      throw new IllegalStateException("The log-batch writer is closed");
    }
  }

  private void offer(RunBuffer run) {
    if (!run.queued && run.rows() > 0) {
      run.queued = true;
      queue.addLast(run);
    }
  }

  private boolean sendable(RunBuffer run) {
    return run.rows() > 0 && run.mayStartRequest()
        && (flushing > 0 || run.forced || run.canFillRequest(options.limits()))
        && check.canDecide(run);
  }

  /** Sends the largest idle runs early, partly filled. */
  private void relievePressure() {
    for (RunBuffer run : buffers.largestIdle(options.maxInFlight() - active)) {
      run.forced = true;
      check.forced(run);
      offer(run);
    }
  }

  /** Starts what can start, then waits for an answer; fails if rows wait for nothing. */
  private void awaitProgress() {
    dispatch();
    if (active == 0) {
      if (failure == null && buffers.rows() > 0) {
        fail(new IllegalStateException("log-batch writer stalled with " + buffers.rows()
            + " rows buffered and no request to make"));
      }
      return;
    }
    try {
      changed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowTablesException("Interrupted while waiting for log-batch requests");
    }
  }

  /** Starts reads first (they unblock sends), then log-batches, up to maxInFlight. */
  private void dispatch() {
    while (failure == null && !closed && active < options.maxInFlight()) {
      Job job = check.nextRead(flushing > 0);
      if (job == null) {
        job = nextSend();
      }
      if (job == null) {
        return;
      }
      active++;
      Job started = job;
      executor.execute(() -> run(started));
    }
  }

  private Job nextSend() {
    while (!queue.isEmpty()) {
      RunBuffer run = queue.pollFirst();
      run.queued = false;
      if (!sendable(run)) {
        continue;
      }
      Packed packed;
      try {
        packed = RequestPacker.pack(run.runId, run.params, run.tags, run.metrics,
            options.limits(), check.decider(run));
      } catch (RuntimeException e) { // a conflict with the server, found before sending
        fail(e);
        return null;
      }
      buffers.took(run, packed);
      changed.signalAll();
      if (packed.request().size() > 0) {
        SendJob send = new SendJob(backend, counters, run, packed);
        offer(run); // its next request may go at once (see RunBuffer.mayStartRequest)
        return send;
      }
      offer(run); // everything taken was already there: look at the rest
    }
    return null;
  }

  /** A worker: makes the request, then books it and starts what can start. */
  private void run(Job job) {
    Throwable error = null;
    try {
      job.call();
    } catch (Throwable t) {
      error = t;
    }
    lock.lock();
    try {
      active--;
      if (error == null) {
        try {
          for (String runId : job.book()) {
            offer(buffers.get(runId));
          }
        } catch (RuntimeException e) {
          error = e;
        }
      }
      if (error != null) {
        fail(error);
      }
      dispatch();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Records the first failure and drops what is buffered. */
  private void fail(Throwable t) {
    if (failure != null) {
      LOG.debug("further failure after the first one", t);
      return;
    }
    discardBuffered();
    failure = ServerErrors.unexpected(t, counters.snapshot());
    LOG.warn("log-batch writer stopped: {}", failure.getMessage());
    changed.signalAll();
  }

  private void discardBuffered() {
    buffers.discardAll();
    queue.clear();
    changed.signalAll();
  }
}
