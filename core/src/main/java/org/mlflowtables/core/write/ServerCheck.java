package org.mlflowtables.core.write;

import org.mlflowtables.core.write.RequestPacker.Decider;

/**
 * What a writer checks against the server before it sends a run's rows: {@link #NONE}, or
 * de-duplication ({@link Deduplicator}). Called under the writer's lock.
 */
interface ServerCheck {
  /** A row was buffered for the run: plan what has to be read to decide on it. */
  void buffered(RunBuffer run, LogRow row);

  /** Whether every row buffered for the run can be decided on now. */
  boolean canDecide(RunBuffer run);

  /**
   * What to send of the run's next rows.
   *
   * @throws WriteException when a buffered row contradicts the server (nothing of it is sent)
   */
  Decider decider(RunBuffer run);

  /** The run is to be sent early, partly filled (buffer pressure): read what it needs now. */
  void forced(RunBuffer run);

  /** The next read to make, or null; {@code flushing}: every read is due. */
  Job nextRead(boolean flushing);

  /** Metric points read from the server so far. */
  long pointsRead();

  /** No check: everything is sent, nothing is read. */
  ServerCheck NONE = new ServerCheck() {
    @Override
    public void buffered(RunBuffer run, LogRow row) {}

    @Override
    public boolean canDecide(RunBuffer run) {
      return true;
    }

    @Override
    public Decider decider(RunBuffer run) {
      return Decider.SEND_ALL;
    }

    @Override
    public void forced(RunBuffer run) {}

    @Override
    public Job nextRead(boolean flushing) {
      return null;
    }

    @Override
    public long pointsRead() {
      return 0;
    }
  };
}
