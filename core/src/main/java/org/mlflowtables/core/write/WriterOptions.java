package org.mlflowtables.core.write;

/**
 * The settings of one {@link LogBatchWriter}, checked by its builder.
 *
 * @param maxInFlight requests (reads and log-batches) in flight at once
 * @param deduplicate whether rows already on the server are skipped
 * @param maxBufferedRows rows buffered before {@link LogBatchWriter#add} waits
 * @param maxBufferedBytes estimated request bytes buffered before {@link LogBatchWriter#add} waits
 * @param limits the packing budget of one request
 * @param historyPage points asked for per history call (the server caps it at 25 000)
 */
record WriterOptions(int maxInFlight, boolean deduplicate, long maxBufferedRows,
    long maxBufferedBytes, LogBatchLimits limits, int historyPage) {}
