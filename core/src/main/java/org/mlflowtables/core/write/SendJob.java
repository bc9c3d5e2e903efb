package org.mlflowtables.core.write;

import java.util.Collection;
import java.util.List;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.write.RequestPacker.Packed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log-batch request of a run (a request with tags holds the run's next one back). */
final class SendJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriter.class);

  private final LogBatchBackend backend;
  private final WriteCounters counters;
  private final RunBuffer run;
  private final Packed packed;

  SendJob(LogBatchBackend backend, WriteCounters counters, RunBuffer run, Packed packed) {
    this.backend = backend;
    this.counters = counters;
    this.run = run;
    this.packed = packed;
    run.inFlight++;
    run.tagsInFlight |= !packed.request().tags().isEmpty();
  }

  @Override
  public void call() {
    LogBatchRequest request = packed.request();
    long t0 = System.nanoTime();
    try {
      backend.logBatch(request);
    } catch (RuntimeException e) {
      counters.discarded(run.runId, request.size());
      throw ServerErrors.logBatch(run.runId, request, e, counters.snapshot());
    }
    counters.written(run.runId, request.metrics().size(), request.params().size(),
        request.tags().size());
    if (LOG.isDebugEnabled()) {
      LOG.debug("log-batch run {}: {} metrics, {} params, {} tags, ~{} bytes in {} ms",
          run.runId, request.metrics().size(), request.params().size(), request.tags().size(),
          packed.estimatedBytes(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Override
  public Collection<String> book() {
    run.inFlight--;
    if (!packed.request().tags().isEmpty()) {
      run.tagsInFlight = false;
    }
    return List.of(run.runId);
  }
}
