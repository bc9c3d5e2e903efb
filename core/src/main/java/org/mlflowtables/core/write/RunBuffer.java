package org.mlflowtables.core.write;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.mlflowtables.core.write.Points.InputPoint;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.RequestPacker.Buffered;
import org.mlflowtables.core.write.RequestPacker.Packed;

/**
 * The rows of one run waiting to be sent, and what the input has given for the run so far (to
 * drop what it repeats and refuse what it contradicts). Not thread-safe: used under the writer's
 * lock.
 */
final class RunBuffer {
  final String runId;
  /** The bytes of a request besides its rows. */
  private final int envelope;
  final ArrayDeque<Buffered<MetricRow>> metrics = new ArrayDeque<>();
  final ArrayDeque<Buffered<ParamRow>> params = new ArrayDeque<>();
  final ArrayDeque<Buffered<TagRow>> tags = new ArrayDeque<>();
  /** Estimated JSON bytes of the buffered rows. */
  long bytes;
  /** Requests of the run being sent. */
  int inFlight;
  /** One of them carries tags: the run's next request waits for it (the last value wins). */
  boolean tagsInFlight;
  /** In the writer's queue of runs to look at. */
  boolean queued;
  /** To be sent before it can fill a request, to free buffer space. */
  boolean forced;
  /** Buffered metric rows per key and per model id (what de-duplication must read). */
  final Map<String, Integer> pendingKeys = new HashMap<>();
  final Map<String, Integer> pendingModels = new HashMap<>();
  /** Every param value given (MLflow refuses one key twice in a request, or changed). */
  private final Map<String, String> paramValues = new HashMap<>();
  /** Every point given (de-duplication only). */
  private final Set<InputPoint> seen = new HashSet<>();
  /** Every logged-model point given, by model (de-duplication only). */
  private final Map<String, Map<ModelPointKey, ModelPayload>> modelPoints = new HashMap<>();

  RunBuffer(String runId) {
    this.runId = runId;
    this.envelope = JsonSize.envelope(runId);
  }

  int rows() {
    return metrics.size() + params.size() + tags.size();
  }

  /**
   * Whether the row is new input; false for a repeat (counted as skipped by the caller: {@code
   * kind} tells which count).
   *
   * @throws InvalidRowException when a logged-model point contradicts one given before
   * @throws ParamConflictException when a param was given before with another value
   */
  boolean admit(LogRow row, boolean deduplicate, WriteCounters counters) {
    if (row instanceof MetricRow m) {
      if (!deduplicate) {
        return true;
      }
      if (m.modelId() != null) {
        checkModelPoint(m, counters);
      }
      return seen.add(InputPoint.of(m));
    }
    if (row instanceof ParamRow p) {
      String earlier = paramValues.putIfAbsent(p.key(), p.value());
      if (earlier == null || earlier.equals(p.value())) {
        return earlier == null;
      }
      throw ParamConflictException.of(runId, p.key(), earlier, p.value(), false,
          counters.snapshot(), null);
    }
    return true;
  }

  private void checkModelPoint(MetricRow m, WriteCounters counters) {
    Map<ModelPointKey, ModelPayload> points =
        modelPoints.computeIfAbsent(m.modelId(), k -> new HashMap<>());
    ModelPayload payload = ModelPayload.of(m);
    ModelPayload earlier = points.putIfAbsent(ModelPointKey.of(m), payload);
    if (earlier != null && !earlier.equals(payload)) {
      throw new InvalidRowException(m.kind(), m.runId(), m.key(), "MODEL_POINT_CONFLICT",
          "Invalid metric row for run " + Messages.quote(m.runId()) + ", key "
              + Messages.quote(m.key()) + ": logged model " + m.modelId()
              + " was already given a point at timestamp " + m.timestamp() + ", step "
              + m.stepOrZero() + " with " + earlier.describe() + ", and this row has "
              + payload.describe() + "; MLflow keys a logged model's metric points by model,"
              + " key, timestamp, step and run, and refuses a second one.",
          counters.snapshot());
    }
  }

  /** Buffers an admitted row; returns its estimated JSON bytes. */
  int enqueue(LogRow row) {
    int size;
    if (row instanceof MetricRow m) {
      Buffered<MetricRow> b = Buffered.of(m);
      metrics.addLast(b);
      pendingKeys.merge(m.key(), 1, Integer::sum);
      if (m.modelId() != null) {
        pendingModels.merge(m.modelId(), 1, Integer::sum);
      }
      size = b.bytes();
    } else if (row instanceof ParamRow p) {
      Buffered<ParamRow> b = Buffered.of(p);
      params.addLast(b);
      size = b.bytes();
    } else {
      Buffered<TagRow> b = Buffered.of((TagRow) row);
      tags.addLast(b);
      size = b.bytes();
    }
    bytes += size;
    return size;
  }

  /**
   * Whether another request of the run may go now: metric points and params may be logged in any
   * order (MLflow keeps a run's latest metric by step, timestamp and value, and locks those rows),
   * tags only one request after another.
   */
  boolean mayStartRequest() {
    return inFlight == 0 || !tagsInFlight && tags.isEmpty();
  }

  /** Whether the buffer holds at least one full request. */
  boolean canFillRequest(LogBatchLimits limits) {
    int p = Math.min(params.size(), limits.maxParams());
    int t = Math.min(tags.size(), limits.maxTags());
    int room = Math.max(0, Math.min(limits.maxMetrics(), limits.maxEntities() - p - t));
    int m = Math.min(metrics.size(), room);
    return p + t + m >= limits.maxEntities()
        || bytes + envelope >= limits.maxRequestBytes();
  }

  /** Books the rows a packed request took off the queues. */
  void taken(Packed packed) {
    bytes -= packed.bytesTaken();
    for (MetricRow m : packed.metricsTaken()) {
      pendingKeys.computeIfPresent(m.key(), (k, n) -> n == 1 ? null : n - 1);
      if (m.modelId() != null) {
        pendingModels.computeIfPresent(m.modelId(), (k, n) -> n == 1 ? null : n - 1);
      }
    }
    if (rows() == 0) {
      forced = false;
    }
  }

  /** Drops every buffered row; returns how many. */
  int discard() {
    int n = rows();
    metrics.clear();
    params.clear();
    tags.clear();
    pendingKeys.clear();
    pendingModels.clear();
    bytes = 0;
    forced = false;
    return n;
  }
}
