package org.mlflowtables.core.scan;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.mlflowtables.core.client.MlflowClient;

/** A scan whose predicates cannot all hold (or LIMIT 0): no request, no rows. */
final class EmptyScan extends TableScan {
  private static final long serialVersionUID = 1L;

  @Override
  List<ScanPart> parts(MlflowClient client, int maxParts, ScanCounters counters) {
    return List.of();
  }

  @Override
  Iterator<Object[]> rows(ScanPart part, MlflowClient client, ScanCounters counters,
      Resources resources) {
    return Collections.emptyIterator();
  }

  @Override
  String describe() {
    return "no request: the predicates cannot all hold";
  }
}
