package org.mlflowtables.core.scan;

import java.util.List;

/** A scan part covering a group of experiments, one of {@code count} parts of the scan. */
record ExperimentGroupPart(int index, int count, List<String> experimentIds) implements ScanPart {
  ExperimentGroupPart {
    experimentIds = List.copyOf(experimentIds);
  }

  @Override
  public String describe() {
    return "part " + index + ": experiments " + experimentIds;
  }
}
