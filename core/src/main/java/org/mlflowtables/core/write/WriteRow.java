package org.mlflowtables.core.write;

import java.io.Serializable;

/**
 * One row written to a writable table, as core's {@link WriteBinding} makes it: a {@link LogRow}
 * for the log-batch tables, an {@link ExperimentRow} for {@code experiments}, a {@link RunRow}
 * for {@code runs}, an {@link InputRow} for {@code run_inputs}.
 */
public sealed interface WriteRow extends Serializable permits LogRow, ExperimentRow, RunRow, InputRow {

  /** What the row is ({@code "metric"}, {@code "experiment"}, ...), for messages. */
  String kind();
}
