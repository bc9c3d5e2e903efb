package org.mlflowtables.core.write;

import java.util.List;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.LoggedModel;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Page;
import org.mlflowtables.core.client.model.Run;

/**
 * The MLflow calls the writer makes: a seam for tests, which run the writer against an in-memory
 * MLflow. Implementations are thread-safe.
 */
interface LogBatchBackend {
  Run getRun(String runId);

  /** See {@link MlflowClient#getMetricHistoryBulk}. */
  List<Metric> getMetricHistoryBulk(List<String> runIds, String key, int maxResults);

  Page<Metric> getMetricHistory(String runId, String key, int maxResults, String pageToken);

  LoggedModel getLoggedModel(String modelId);

  void logBatch(LogBatchRequest request);

  /** HTTP requests so far, retries included. */
  long requests();

  long retries();

  /** The calls of a client, counted apart from the client's other calls. */
  static LogBatchBackend of(MlflowClient client) {
    MlflowClient own = client.withNewStats();
    return new LogBatchBackend() {
      @Override
      public Run getRun(String runId) {
        return own.getRun(runId);
      }

      @Override
      public List<Metric> getMetricHistoryBulk(List<String> runIds, String key, int maxResults) {
        return own.getMetricHistoryBulk(runIds, key, maxResults);
      }

      @Override
      public Page<Metric> getMetricHistory(String runId, String key, int maxResults,
          String pageToken) {
        return own.getMetricHistory(runId, key, maxResults, pageToken);
      }

      @Override
      public LoggedModel getLoggedModel(String modelId) {
        return own.getLoggedModel(modelId);
      }

      @Override
      public void logBatch(LogBatchRequest request) {
        own.logBatch(request);
      }

      @Override
      public long requests() {
        return own.stats().requests();
      }

      @Override
      public long retries() {
        return own.stats().retries();
      }

      @Override
      public String toString() {
        return own.toString();
      }
    };
  }
}
