package org.mlflowtables.core.write;

import java.util.Collection;

/**
 * One HTTP request of a writer (a log-batch, or a read for de-duplication): made on a worker
 * thread without the writer's lock, then booked under it.
 */
interface Job {
  /**
   * Makes the request.
   *
   * @throws WriteException naming what failed and what was written so far
   */
  void call();

  /** Books the answer (under the writer's lock); returns the runs that may now be sent. */
  Collection<String> book();
}
