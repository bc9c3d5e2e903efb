package org.mlflowtables.core.scan;

import java.util.List;

/** A scan part covering a group of experiments. */
record ExperimentGroupPart(int index, List<String> experimentIds) implements ScanPart {
  ExperimentGroupPart {
    experimentIds = List.copyOf(experimentIds);
  }

  @Override
  public String describe() {
    return "part " + index + ": experiments " + experimentIds;
  }
}
