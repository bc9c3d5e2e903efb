package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.mlflowtables.core.client.model.KeyValue;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;

/**
 * Takes the next log-batch request of one run from the heads of its buffered params, tags and
 * metrics, within {@link LogBatchLimits}. Pure: the caller owns the queues and the decisions.
 *
 * <p>Packing follows MLflow's Python client ({@code MlflowClient.log_batch}): each request takes
 * up to {@code maxParams} params and {@code maxTags} tags, and fills the rest of the entity budget
 * with metrics; later requests carry what is left. Rows of one kind leave in the order they were
 * added (the last value of a tag key wins, as in MLflow), and the body stays within {@code
 * maxRequestBytes} as estimated from above by {@link JsonSize}.
 */
final class RequestPacker {
  private RequestPacker() {}

  /** What to do with a row at the head of a queue. */
  enum Decision {
    /** Put it in the request. */
    SEND,
    /** Drop it: it is already on the server (counted as skipped). */
    SKIP
  }

  /** Decides on metrics and params (with what is known now); may throw to fail the write. */
  interface Decider {
    Decision metric(MetricRow m);

    Decision param(ParamRow p);

    /** Sends everything: no de-duplication. */
    Decider SEND_ALL = new Decider() {
      @Override
      public Decision metric(MetricRow m) {
        return Decision.SEND;
      }

      @Override
      public Decision param(ParamRow p) {
        return Decision.SEND;
      }
    };
  }

  /** A buffered row with its estimated JSON size. */
  record Buffered<T extends LogRow>(T row, int bytes) {
    static <T extends LogRow> Buffered<T> of(T row) {
      return new Buffered<>(row, JsonSize.of(row));
    }
  }

  /**
   * One packed request and what was taken from the queues.
   *
   * @param request the request (may be empty when everything taken was skipped)
   * @param metricsTaken metric rows taken off the queue, sent or skipped, in order
   * @param metricsSkipped of those, the ones skipped
   * @param paramsTaken param rows taken off the queue
   * @param paramsSkipped of those, the ones skipped
   * @param tagsTaken tag rows taken off the queue (all sent)
   * @param bytesTaken the estimated bytes of every row taken
   * @param estimatedBytes the estimated size of the request body
   */
  record Packed(LogBatchRequest request, List<MetricRow> metricsTaken, int metricsSkipped,
      int paramsTaken, int paramsSkipped, int tagsTaken, long bytesTaken, long estimatedBytes) {
    int rowsTaken() {
      return metricsTaken.size() + paramsTaken + tagsTaken;
    }
  }

  static Packed pack(String runId, Deque<Buffered<ParamRow>> params,
      Deque<Buffered<TagRow>> tags, Deque<Buffered<MetricRow>> metrics, LogBatchLimits limits,
      Decider decider) {
    long bytes = JsonSize.envelope(runId);
    long bytesTaken = 0;
    int entities = 0;

    List<KeyValue> paramsOut = new ArrayList<>();
    int paramsTaken = 0;
    int paramsSkipped = 0;
    while (!params.isEmpty() && paramsOut.size() < limits.maxParams()
        && entities < limits.maxEntities()) {
      Buffered<ParamRow> b = params.peekFirst();
      if (decider.param(b.row()) == Decision.SEND) {
        if (bytes + b.bytes() > limits.maxRequestBytes()) {
          break;
        }
        paramsOut.add(new KeyValue(b.row().key(), b.row().value()));
        bytes += b.bytes();
        entities++;
      } else {
        paramsSkipped++;
      }
      params.pollFirst();
      paramsTaken++;
      bytesTaken += b.bytes();
    }

    List<KeyValue> tagsOut = new ArrayList<>();
    while (!tags.isEmpty() && tagsOut.size() < limits.maxTags()
        && entities < limits.maxEntities()) {
      Buffered<TagRow> b = tags.peekFirst();
      if (bytes + b.bytes() > limits.maxRequestBytes()) {
        break;
      }
      tagsOut.add(new KeyValue(b.row().key(), b.row().value()));
      bytes += b.bytes();
      entities++;
      tags.pollFirst();
      bytesTaken += b.bytes();
    }

    List<Metric> metricsOut = new ArrayList<>();
    List<MetricRow> metricsTaken = new ArrayList<>();
    int metricsSkipped = 0;
    while (!metrics.isEmpty() && metricsOut.size() < limits.maxMetrics()
        && entities < limits.maxEntities()) {
      Buffered<MetricRow> b = metrics.peekFirst();
      if (decider.metric(b.row()) == Decision.SEND) {
        if (bytes + b.bytes() > limits.maxRequestBytes()) {
          break;
        }
        MetricRow m = b.row();
        metricsOut.add(new Metric(m.key(), m.value(), m.timestamp(), m.stepOrZero(), null,
            m.modelId(), m.datasetName(), m.datasetDigest()));
        bytes += b.bytes();
        entities++;
      } else {
        metricsSkipped++;
      }
      metrics.pollFirst();
      metricsTaken.add(b.row());
      bytesTaken += b.bytes();
    }

    return new Packed(new LogBatchRequest(runId, metricsOut, paramsOut, tagsOut), metricsTaken,
        metricsSkipped, paramsTaken, paramsSkipped, tagsOut.size(), bytesTaken, bytes);
  }
}
