package org.mlflowtables.core.stream;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.scan.RowIterator;

/**
 * An incremental read of one table, engine-free: offsets that say what has been emitted, the end of
 * the next micro-batch, the parts that read the rows between two offsets, and their rows. A
 * micro-batch's rows depend on its two offsets only, so that an engine replaying a batch after a
 * failure reads the same runs and the same slices of histories. Get one from {@link
 * TableStreams#open}; serializable, for executors.
 */
public interface TableStream extends Serializable {
  /** The table streamed. */
  String table();

  /**
   * Where a query without a checkpoint starts ({@code startingOffsets}); {@code now} is the time of
   * its first start. Engines keep it: calling it again later gives another offset.
   */
  StreamOffset initialOffset(long now);

  /**
   * An offset from its checkpointed JSON.
   *
   * @throws org.mlflowtables.core.exceptions.MlflowTablesException for another version, another
   *     table or text that is no offset, saying which
   */
  StreamOffset parse(String json);

  /**
   * The end of the micro-batch after {@code start}: {@code start} itself when there is nothing new.
   * Sends the requests that find what is new (on the engine's driver).
   */
  StreamOffset latestOffset(StreamOffset start, Poll poll, MlflowClient client);

  /** The independent parts of the micro-batch from {@code start} to {@code end}, at most {@code maxParts}. */
  List<StreamPart> parts(StreamOffset start, StreamOffset end, int maxParts);

  /** The rows of one part, lazily (on an executor). */
  RowIterator open(StreamPart part, MlflowClient client);

  /** Figures of the stream at an offset, for engines' progress reports (name to value). */
  Map<String, String> metrics(StreamOffset offset, long now);

  /** What the stream sends and keeps, for plans (never a secret). */
  String describe();

  /**
   * One call for the next micro-batch.
   *
   * @param now the time of the call, epoch milliseconds
   * @param maxRuns the most newly finished runs the batch takes
   * @param until for a trigger that reads what is there and stops: the time it started (nothing
   *     that ended or started later is taken, no cut passes it); null to keep following
   */
  record Poll(long now, int maxRuns, Long until) {
    /** The time cuts and lateness are measured against. */
    long clock() {
      return until == null ? now : Math.min(now, until);
    }
  }
}
