package org.mlflowtables.core.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.RunRowsById;
import org.mlflowtables.core.scan.ScanCounters;

/**
 * A stream of a table read from runs (runs, params, tags, latest_metrics): each run's rows once,
 * when the run reaches a terminal status, read as they are then (its final metrics, params and
 * tags). The driver walks the finished runs by end time ({@link EndedRunsWalk}) and names the runs
 * of each micro-batch in its offset; executors read those runs by id.
 */
final class EndedRunsStream extends ScopedStream {
  private static final long serialVersionUID = 1L;

  EndedRunsStream(TableDef table, ViewType view, StreamScope scope, StreamSettings settings,
      long lateness) {
    super(table, view, scope, settings, lateness);
  }

  @Override
  public StreamOffset initialOffset(long now) {
    return new RunsOffset(table.name(), EndedRuns.startingAt(TableStreams.floor(settings, now)),
        new TreeMap<>());
  }

  @Override
  public StreamOffset parse(String json) {
    return OffsetJson.read(json, table.name(), false);
  }

  @Override
  public StreamOffset latestOffset(StreamOffset start, Poll poll, MlflowClient client) {
    RunsOffset s = (RunsOffset) start;
    EndedRunsWalk.Result walk = EndedRunsWalk.walk(client, scope, view, s.ended(), lateness,
        poll.maxRuns(), poll.until(), java.util.Set.of(), r -> true,
        new ScanCounters(client.stats()));
    if (walk.taken().isEmpty()) {
      return start;
    }
    SortedMap<String, String> batch = new TreeMap<>();
    List<EndedRuns.Ended> taken = new ArrayList<>();
    for (Run r : walk.taken()) {
      batch.put(r.info().runId(), r.info().experimentId());
      taken.add(EndedRunsWalk.ended(r));
    }
    return new RunsOffset(table.name(), s.ended().taking(taken, List.of(), lateness), batch);
  }

  @Override
  public List<StreamPart> parts(StreamOffset start, StreamOffset end, int maxParts) {
    SortedMap<String, String> batch = ((RunsOffset) end).batch();
    List<StreamPart> parts = new ArrayList<>();
    if (batch.isEmpty() || start.equals(end)) {
      return parts;
    }
    // parts of whole search requests (100 runs), as many as allowed
    int perPart = Math.max(100, (batch.size() + maxParts - 1) / Math.max(1, maxParts));
    SortedMap<String, String> current = new TreeMap<>();
    for (Map.Entry<String, String> e : batch.entrySet()) {
      current.put(e.getKey(), e.getValue());
      if (current.size() == perPart) {
        parts.add(new RunsPart(parts.size(), current));
        current = new TreeMap<>();
      }
    }
    if (!current.isEmpty()) {
      parts.add(new RunsPart(parts.size(), current));
    }
    return parts;
  }

  @Override
  public RowIterator open(StreamPart part, MlflowClient client) {
    return RunRowsById.open(table, ((RunsPart) part).runs(), scope.filter(), view,
        scope.rowResidual(), client);
  }

  @Override
  public Map<String, String> metrics(StreamOffset offset, long now) {
    RunsOffset o = (RunsOffset) offset;
    Map<String, String> m = new LinkedHashMap<>();
    m.put("runsInBatch", Integer.toString(o.batch().size()));
    m.put("runsInLatenessWindow", Integer.toString(o.ended().recent().size()));
    m.put("lagMs", o.ended().endTime() == null ? "" : Long.toString(now - o.ended().endTime()));
    m.put("offsetBytes", Integer.toString(o.json().length()));
    return m;
  }

  @Override
  public String describe() {
    return describe("finished runs by end_time");
  }
}
