package org.mlflowtables.spark.write;

import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.mlflowtables.core.write.WriteResult;

/** What one task wrote: sent from the executor to the driver on commit. */
record MlflowWriterCommitMessage(int partitionId, long taskId, WriteResult result)
    implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;
}
