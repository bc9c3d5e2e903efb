package org.mlflowtables.core.scan;

import java.io.Serializable;

/**
 * An independent piece of a scan (a group of experiments, a set of runs...). The parts of a plan
 * together give exactly the rows of the whole. Serializable so Spark can ship it to executors.
 */
public interface ScanPart extends Serializable {
  /** A short description for plans and logs (never a secret). */
  String describe();
}
