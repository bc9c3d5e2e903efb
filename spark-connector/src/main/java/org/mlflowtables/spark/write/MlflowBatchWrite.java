package org.mlflowtables.spark.write;

import java.util.TreeSet;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.write.WriteResult;
import org.mlflowtables.spark.config.SparkParallelism;
import org.mlflowtables.spark.schema.LogBatchRowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of an append: hands the tasks their writer factory and reports what they
 * wrote. The write's {@code maxInFlight} is shared by the tasks that run at once (the write's
 * partitions, at most the session's parallelism), at least one request each: the server's
 * capacity, not Spark's, sets how many requests it can serve together (on a 4-worker SQLite
 * server 16 in flight were slower than 8, docs/benchmarks.md). MLflow's log-batch is not
 * transactional: commit only reports, and abort reports what stays on the server (re-running the
 * write skips it, de-duplication being on by default). Abort never throws: the write's own
 * failure is what Spark raises.
 */
final class MlflowBatchWrite implements BatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowBatchWrite.class);
  private static final int RUNS_NAMED = 10;

  private final String table;
  private final MlflowConfig config;
  private final LogBatchRowMapper mapper;

  MlflowBatchWrite(String table, MlflowConfig config, LogBatchRowMapper mapper) {
    this.table = table;
    this.config = config;
    this.mapper = mapper;
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    int perTask = inFlightPerTask(config.maxInFlight(), info.numPartitions(),
        SparkParallelism.ofActiveSession());
    return new MlflowDataWriterFactory(
        config.with(MlflowConfig.MAX_IN_FLIGHT, Integer.toString(perTask)), mapper);
  }

  /** A task's share of the write's requests in flight: at least one. */
  static int inFlightPerTask(int writeInFlight, int partitions, int parallelism) {
    int tasksAtOnce = Math.max(1, Math.min(partitions, parallelism));
    return Math.max(1, writeInFlight / tasksAtOnce);
  }

  @Override
  public boolean useCommitCoordinator() {
    // Every attempt writes (log-batch cannot be staged); duplicates are skipped, not prevented.
    return false;
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    LOG.info("Append to MLflow table {} committed: {}", table, summary(messages));
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    LOG.error("{}", abortReport(messages));
  }

  /** What an aborted append left on the server, and what re-running it does. */
  String abortReport(WriterCommitMessage[] messages) {
    return "Append to MLflow table " + table + " failed. MLflow cannot take back what was"
        + " written: " + summary(messages) + "; each failed task logged what it wrote. Re-running"
        + " the append skips" + (config.deduplicate() ? " the metric points already on the server."
            : " nothing: de-duplication is off (deduplicate=false).");
  }

  /** Totals over the tasks that committed, how many did, and the runs they wrote to. */
  static String summary(WriterCommitMessage[] messages) {
    long tasks = 0;
    long points = 0;
    long skipped = 0;
    long params = 0;
    long tags = 0;
    long requests = 0;
    TreeSet<String> runs = new TreeSet<>();
    for (WriterCommitMessage m : messages) {
      if (m instanceof MlflowWriterCommitMessage c) {
        WriteResult r = c.result();
        tasks++;
        points += r.pointsWritten();
        skipped += r.pointsSkipped();
        params += r.paramsWritten();
        tags += r.tagsWritten();
        requests += r.requests();
        r.runs().forEach((id, counts) -> {
          if (counts.anyWritten()) {
            runs.add(id);
          }
        });
      }
    }
    return tasks + "/" + messages.length + " tasks committed, " + points + " metric points ("
        + skipped + " skipped as duplicates), " + params + " params, " + tags + " tags in "
        + requests + " requests" + runsWritten(runs);
  }

  private static String runsWritten(TreeSet<String> runs) {
    if (runs.isEmpty()) {
      return "";
    }
    String named = String.join(", ", runs.stream().limit(RUNS_NAMED).toList());
    return ", to " + runs.size() + (runs.size() == 1 ? " run (" : " runs (") + named
        + (runs.size() > RUNS_NAMED ? ", ..." : "") + ")";
  }
}
