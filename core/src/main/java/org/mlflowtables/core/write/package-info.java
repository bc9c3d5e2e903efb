/**
 * The log-batch writer: rows of metrics, params and tags, validated as MLflow validates them,
 * grouped by run, packed into log-batch requests within MLflow's limits and sent in parallel, with
 * what is already on the server skipped (de-duplication) so that a write can be re-run.
 *
 * <p>Entry point: {@link org.mlflowtables.core.write.LogBatchWriter}. Rows: {@link
 * org.mlflowtables.core.write.MetricRow}, {@link org.mlflowtables.core.write.ParamRow}, {@link
 * org.mlflowtables.core.write.TagRow}, made from a table's columns by its {@link
 * org.mlflowtables.core.write.WriteBinding}. Outcome: {@link
 * org.mlflowtables.core.write.WriteResult}; failures are {@link
 * org.mlflowtables.core.write.WriteException}s that carry what was written before them. The parts
 * behind the facade, each with one job, are described in docs/writes.md ("How the writer works").
 * Engine-neutral: used by the Spark data writer, the JDBC INSERT path and the examples.
 */
package org.mlflowtables.core.write;
