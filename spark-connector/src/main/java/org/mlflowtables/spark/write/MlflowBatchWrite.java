package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.spark.schema.LogBatchRowMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of an append: hands the tasks their writer factory and reports what they
 * wrote. MLflow's log-batch is not transactional: commit only reports, and abort says what stays
 * on the server (re-running the write skips it, de-duplication being on by default).
 */
final class MlflowBatchWrite implements BatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(MlflowBatchWrite.class);

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
    return new MlflowDataWriterFactory(config, mapper);
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
    throw new MlflowTablesException("Append to MLflow table " + table + " aborted. MLflow cannot"
        + " take back what was written: " + summary(messages) + ". Re-running the append skips"
        + (config.deduplicate() ? " the metric points already on the server."
            : " nothing: de-duplication is off (deduplicate=false)."));
  }

  /** Totals over the tasks that committed, and how many did. */
  static String summary(WriterCommitMessage[] messages) {
    long tasks = 0;
    long points = 0;
    long skipped = 0;
    long params = 0;
    long tags = 0;
    long requests = 0;
    for (WriterCommitMessage m : messages) {
      if (m instanceof MlflowWriterCommitMessage c) {
        tasks++;
        points += c.result().pointsWritten();
        skipped += c.result().pointsSkipped();
        params += c.result().paramsWritten();
        tags += c.result().tagsWritten();
        requests += c.result().requests();
      }
    }
    return tasks + "/" + messages.length + " tasks committed, " + points + " metric points ("
        + skipped + " skipped as duplicates), " + params + " params, " + tags + " tags in "
        + requests + " requests";
  }
}
