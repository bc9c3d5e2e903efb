/**
 * Appends to the writable tables (metrics, params, tags) through core's log-batch writer: one
 * {@code LogBatchWriter} per task; MLflow is not transactional, so commit reports and abort says
 * what stays on the server. Custom metrics in {@link org.mlflowtables.spark.write.MlflowWriteMetrics}.
 */
package org.mlflowtables.spark.write;
