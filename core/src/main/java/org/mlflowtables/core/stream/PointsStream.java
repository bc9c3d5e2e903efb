package org.mlflowtables.core.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.client.model.Run;
import org.mlflowtables.core.config.ViewType;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.scan.PointRange;
import org.mlflowtables.core.scan.PointRangeReader;
import org.mlflowtables.core.scan.RowIterator;
import org.mlflowtables.core.scan.RunSearch;
import org.mlflowtables.core.scan.ScanCounters;
import org.mlflowtables.core.stream.PointsOffset.Finishing;
import org.mlflowtables.core.stream.PointsOffset.Followed;

/**
 * A stream of metric points (the metrics table): every point of the runs in scope once, while they
 * run and after. Each micro-batch, the driver finds the runs running ({@code status =
 * 'RUNNING'}) and those newly finished ({@link EndedRunsWalk}), and moves each followed key's cut
 * ({@link Cuts}); executors read the slices of histories between the cuts of two offsets. A run
 * that has finished for the lateness is read to its end once more and no longer followed.
 */
final class PointsStream extends ScopedStream {
  private static final long serialVersionUID = 1L;

  PointsStream(TableDef table, ViewType view, StreamScope scope, StreamSettings settings,
      long lateness) {
    super(table, view, scope, settings, lateness);
  }

  @Override
  public StreamOffset initialOffset(long now) {
    Long floor = TableStreams.floor(settings, now);
    return new PointsOffset(table.name(), floor, EndedRuns.startingAt(floor), new TreeMap<>(),
        new TreeMap<>());
  }

  @Override
  public StreamOffset parse(String json) {
    return OffsetJson.read(json, table.name(), true);
  }

  @Override
  public StreamOffset latestOffset(StreamOffset start, Poll poll, MlflowClient client) {
    PointsOffset s = (PointsOffset) start;
    long clock = poll.clock();
    ScanCounters counters = new ScanCounters(client.stats());
    EndedRunsWalk.Result walk = EndedRunsWalk.walk(client, scope, view, s.ended(), lateness,
        poll.maxRuns(), poll.until(), s.following().keySet(), this::follows, counters);
    Map<String, Run> runs = new HashMap<>(walk.watched());
    walk.taken().forEach(r -> runs.put(r.info().runId(), r));
    List<Run> started = running(client, poll.until(), counters);
    started.forEach(r -> runs.putIfAbsent(r.info().runId(), r));
    for (String id : s.following().keySet()) {
      if (!runs.containsKey(id)) {
        lookUp(client, id).ifPresent(r -> runs.put(id, r));
      }
    }
    SortedMap<String, Followed> following = new TreeMap<>();
    SortedMap<String, Finishing> finishing = new TreeMap<>();
    List<EndedRuns.Ended> done = new ArrayList<>();
    TreeSet<String> ids = new TreeSet<>(s.following().keySet());
    walk.taken().forEach(r -> ids.add(r.info().runId()));
    started.forEach(r -> ids.add(r.info().runId()));
    for (String id : ids) {
      Run run = runs.get(id);
      if (run == null || "deleted".equals(run.info().lifecycleStage())) {
        continue; // gone: nothing more can be read of it
      }
      Followed before = s.following().get(id);
      SortedMap<String, Long> cuts = before != null ? new TreeMap<>(before.cuts())
          : Cuts.ofResumed(run, s.ended(), s.floor(), lateness);
      if (Cuts.finished(run, clock, lateness)) {
        finishing.put(id, new Finishing(run.info().experimentId(), keys(run)));
        if (run.info().endTime() != null) {
          done.add(EndedRunsWalk.ended(run));
        }
      } else {
        Cuts.advance(cuts, latest(run), clock, lateness, s.floor());
        following.put(id, new Followed(run.info().experimentId(), cuts));
      }
    }
    List<EndedRuns.Ended> taken = walk.taken().stream().map(EndedRunsWalk::ended).toList();
    EndedRuns ended = s.ended().taking(taken, done, lateness);
    if (finishing.isEmpty() && following.equals(s.following()) && ended.equals(s.ended())) {
      return start; // nothing new
    }
    return new PointsOffset(table.name(), s.floor(), ended, following, finishing);
  }

  /** The runs in scope running now (started by {@code until}, when set) that the stream follows. */
  private List<Run> running(MlflowClient client, Long until, ScanCounters counters) {
    List<Run> out = new ArrayList<>();
    if (scope.noRows()) {
      return out;
    }
    String filter = scope.filterAnd("attributes.status = 'RUNNING'"
        + (until == null ? "" : " AND attributes.start_time <= " + until));
    Iterator<Run> it = RunSearch.runs(client, scope.experimentIds(), filter, view,
        RunSearch.Order.START_TIME, null, counters);
    while (it.hasNext()) {
      Run r = it.next();
      if (follows(r)) {
        out.add(r);
      }
    }
    return out;
  }

  /** A followed run the searches did not meet (finished long ago by its clock, or deleted). */
  private static Optional<Run> lookUp(MlflowClient client, String runId) {
    try {
      return Optional.of(client.getRun(runId));
    } catch (MlflowApiException e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private boolean follows(Run run) {
    return TableStreams.runPasses(scope.runResidual(), run);
  }

  /** The run's metric keys the stream reads. */
  private TreeSet<String> keys(Run run) {
    TreeSet<String> keys = new TreeSet<>();
    for (Metric m : run.data().metrics()) {
      if (scope.readsKey(m.key())) {
        keys.add(m.key());
      }
    }
    return keys;
  }

  /** The run's latest point per key the stream reads. */
  private List<Metric> latest(Run run) {
    return run.data().metrics().stream().filter(m -> scope.readsKey(m.key())).toList();
  }

  @Override
  public List<StreamPart> parts(StreamOffset start, StreamOffset end, int maxParts) {
    PointsOffset s = (PointsOffset) start;
    PointsOffset e = (PointsOffset) end;
    List<PointRange> ranges = new ArrayList<>();
    if (s.equals(e)) {
      return List.of();
    }
    e.following().forEach((id, f) -> f.cuts().forEach((key, cut) -> {
      long after = s.after(id, key);
      if (cut > after) {
        ranges.add(new PointRange(id, f.experimentId(), key, after, cut));
      }
    }));
    e.finishing().forEach((id, f) -> f.keys().forEach(key -> ranges.add(
        new PointRange(id, f.experimentId(), key, s.after(id, key), Long.MAX_VALUE))));
    return split(ranges, maxParts);
  }

  /**
   * Parts of whole requests (one key, up to 100 runs), dealt round robin into at most {@code
   * maxParts} parts.
   */
  private static List<StreamPart> split(List<PointRange> ranges, int maxParts) {
    ranges.sort(Comparator.comparing(PointRange::key).thenComparing(PointRange::runId));
    List<List<PointRange>> requests = new ArrayList<>();
    List<PointRange> current = new ArrayList<>();
    for (PointRange r : ranges) {
      if (!current.isEmpty() && (!current.get(0).key().equals(r.key())
          || current.size() == MlflowClient.MAX_HISTORY_BULK_RUNS)) {
        requests.add(current);
        current = new ArrayList<>();
      }
      current.add(r);
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    int n = Math.min(Math.max(1, maxParts), requests.size());
    List<List<PointRange>> dealt = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dealt.add(new ArrayList<>());
    }
    for (int i = 0; i < requests.size(); i++) {
      dealt.get(i % n).addAll(requests.get(i));
    }
    List<StreamPart> parts = new ArrayList<>();
    for (List<PointRange> d : dealt) {
      parts.add(new PointsPart(parts.size(), d));
    }
    return parts;
  }

  @Override
  public RowIterator open(StreamPart part, MlflowClient client) {
    return PointRangeReader.open(table, ((PointsPart) part).ranges(), scope.rowResidual(), client);
  }

  @Override
  public Map<String, String> metrics(StreamOffset offset, long now) {
    PointsOffset o = (PointsOffset) offset;
    long keys = 0;
    long newest = Long.MIN_VALUE;
    for (Followed f : o.following().values()) {
      keys += f.cuts().size();
      for (long c : f.cuts().values()) {
        newest = Math.max(newest, c);
      }
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("runsFollowed", Integer.toString(o.following().size()));
    m.put("keysFollowed", Long.toString(keys));
    m.put("runsFinishing", Integer.toString(o.finishing().size()));
    m.put("lagMs", newest == Long.MIN_VALUE ? "" : Long.toString(now - newest));
    m.put("offsetBytes", Integer.toString(o.json().length()));
    return m;
  }

  @Override
  public String describe() {
    return describe("points of running and finishing runs");
  }
}
