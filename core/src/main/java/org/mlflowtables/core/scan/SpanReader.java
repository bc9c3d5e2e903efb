package org.mlflowtables.core.scan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlflowtables.core.catalog.TraceSpan;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.TraceApi;
import org.mlflowtables.core.client.model.Span;
import org.mlflowtables.core.client.model.TraceInfo;
import org.mlflowtables.core.exceptions.MlflowApiException;

/**
 * Fetches the spans of a page of traces, from where the server keeps each trace's: traces whose
 * spans the tracking store keeps in batches of {@link TraceApi#BATCH_GET_TRACES} (one
 * batch-get-traces each), the others one get-trace-artifact each, {@code maxInFlight} requests at
 * once. Spans come in the order of the traces. A trace without span data (still being logged, or
 * its file gone) has no spans, as with MLflow's Python client.
 */
final class SpanReader implements AutoCloseable {
  private final TraceApi api;
  private final ScanCounters counters;
  private final OrderedCalls calls;

  SpanReader(MlflowClient client, ScanCounters counters) {
    this.api = client.traces();
    this.counters = counters;
    this.calls = new OrderedCalls("mlflow-spans", client.config().maxInFlight());
  }

  /** The spans of these traces, a batch of traces at a time. */
  Iterator<List<TraceSpan>> spans(List<TraceInfo> traces) {
    List<Callable<List<TraceSpan>>> tasks = new ArrayList<>();
    List<TraceInfo> batch = new ArrayList<>();
    for (TraceInfo t : traces) {
      if (!t.spansInTrackingStore()) {
        tasks.add(() -> fromTraceData(t));
        continue;
      }
      batch.add(t);
      if (batch.size() == TraceApi.BATCH_GET_TRACES) {
        tasks.add(fromStore(List.copyOf(batch)));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      tasks.add(fromStore(List.copyOf(batch)));
    }
    return calls.results(tasks, "reading spans");
  }

  private Callable<List<TraceSpan>> fromStore(List<TraceInfo> batch) {
    return () -> {
      Map<String, List<Span>> byTrace =
          api.spansFromStore(batch.stream().map(TraceInfo::traceId).toList());
      counters.page();
      List<TraceSpan> out = new ArrayList<>();
      for (TraceInfo t : batch) {
        byTrace.getOrDefault(t.traceId(), List.of()).forEach(s -> out.add(new TraceSpan(t, s)));
      }
      return out;
    };
  }

  private List<TraceSpan> fromTraceData(TraceInfo t) {
    List<Span> spans;
    try {
      spans = api.spansFromTraceData(t.traceId());
    } catch (MlflowApiException e) {
      if (!"NOT_FOUND".equals(e.errorCode()) && !"RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        throw e;
      }
      spans = List.of();
    } finally {
      counters.page();
    }
    return spans.stream().map(s -> new TraceSpan(t, s)).toList();
  }

  @Override
  public void close() {
    calls.close();
  }
}
