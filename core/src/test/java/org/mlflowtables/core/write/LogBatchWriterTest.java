package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.client.model.Metric;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.write.FakeMlflow.FakeRun;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;

/** The writer against an in-memory MLflow: packing, order, parallelism, de-duplication, errors. */
class LogBatchWriterTest {
  private final FakeMlflow fake = new FakeMlflow();

  private LogBatchWriter.Builder writer() {
    return LogBatchWriter.builder(fake, null);
  }

  private static String run(int i) {
    return String.format("%032x", i + 1);
  }

  @Test
  void aRunWith2500Metrics250Params250TagsLandsInThreeRequests() {
    String r = run(0);
    fake.createRun(r);
    try (LogBatchWriter w = writer().build()) {
      // Params and tags first: a run is sent as soon as it can fill a request, so 1000 metrics
      // added first would leave as a request of their own (five requests in all).
      for (int i = 0; i < 250; i++) {
        w.add(new ParamRow(r, "p" + i, "v" + i));
        w.add(new TagRow(r, "t" + i, "w" + i));
      }
      for (int i = 0; i < 2500; i++) {
        w.add(MetricRow.of(r, "m" + (i % 5), i, 1000 + i, i));
      }
      WriteResult res = w.flush();
      assertEquals(2500, res.pointsWritten());
      assertEquals(250, res.paramsWritten());
      assertEquals(250, res.tagsWritten());
      assertEquals(3, res.logBatchRequests());
      assertEquals(3, res.run(r).logBatchRequests());
    }
    FakeRun fr = fake.runs.get(r);
    assertEquals(3, fr.requests.size());
    for (LogBatchRequest req : fr.requests) {
      assertEquals(1000, req.size());
    }
    assertEquals(2500, fr.pointCount());
    assertEquals(250, fr.params.size());
    assertEquals(250, fr.tags.size());
  }

  @Test
  void aRunsTagsGoInOrderSoTheLastTagWins() {
    String r = run(0);
    fake.createRun(r);
    fake.latencyMillis = 20;
    fake.runGate = new java.util.concurrent.CountDownLatch(1); // every row buffered first
    try (LogBatchWriter w = writer().maxInFlight(6).build()) {
      for (int step = 0; step < 10_000; step++) {
        w.add(MetricRow.of(r, "loss", step * 0.1, 10_000 - step, step));
        if (step % 20 == 0) { // 500 values of one tag: the first five requests carry them
          w.add(new TagRow(r, "progress", Integer.toString(step)));
        }
      }
      fake.runGate.countDown();
    }
    FakeRun fr = fake.runs.get(r);
    assertEquals(10_000, fr.pointCount());
    assertEquals("9980", fr.tags.get("progress"));
    assertFalse(fake.tagRequestOverlap.get(), "a request with tags overlapped one of its run");
    assertTrue(fake.sameRunOverlap.get(), "the requests without tags went in parallel");
  }

  @Test
  void aRunsMetricRequestsGoInParallel() {
    String r = run(0);
    fake.createRun(r);
    fake.latencyMillis = 20;
    try (LogBatchWriter w = writer().maxInFlight(4).deduplicate(false).build()) {
      for (int i = 0; i < 8000; i++) {
        w.add(MetricRow.of(r, "loss", i, i, i));
      }
      assertEquals(8000, w.flush().pointsWritten());
    }
    assertEquals(8, fake.runs.get(r).requests.size());
    assertTrue(fake.sameRunOverlap.get(), "one run, one request at a time");
    assertTrue(fake.maxInFlight.get() <= 4, "in flight: " + fake.maxInFlight.get());
  }

  @Test
  void atMostMaxInFlightRequestsAndRunsInParallel() {
    int runs = 40;
    for (int i = 0; i < runs; i++) {
      fake.createRun(run(i));
      fake.preload(run(i), "acc", 0, 0, 0); // so that de-duplication reads histories too
    }
    fake.latencyMillis = 5;
    try (LogBatchWriter w = writer().maxInFlight(4).build()) {
      for (int k = 0; k < 3000; k++) {
        for (int i = 0; i < runs; i++) {
          w.add(MetricRow.of(run(i), k % 2 == 0 ? "acc" : "loss", k, k, k));
        }
      }
      WriteResult res = w.flush();
      assertEquals(runs * 3000 - runs, res.pointsWritten());
      assertEquals(runs, res.pointsSkipped()); // (acc, 0, 0, 0) was there
    }
    assertTrue(fake.maxInFlight.get() <= 4, "in flight: " + fake.maxInFlight.get());
    assertTrue(fake.maxInFlight.get() >= 2, "never parallel: " + fake.maxInFlight.get());
  }

  @Test
  void addBlocksWhileTooMuchIsBuffered() {
    String r = run(0);
    fake.createRun(r);
    fake.latencyMillis = 3;
    AtomicReference<LogBatchWriter> ref = new AtomicReference<>();
    AtomicLong maxBuffered = new AtomicLong();
    fake.onLogBatch = req -> maxBuffered.accumulateAndGet(ref.get().bufferedRows(), Math::max);
    try (LogBatchWriter w = writer().maxBufferedRows(1500).deduplicate(false).build()) {
      ref.set(w);
      for (int i = 0; i < 20_000; i++) {
        w.add(MetricRow.of(r, "x", i, i, i));
      }
      assertTrue(w.bufferedRows() <= 1501, "buffered " + w.bufferedRows());
    }
    assertTrue(maxBuffered.get() <= 1501, "buffered " + maxBuffered.get());
    assertEquals(20_000, fake.runs.get(r).pointCount());
    assertEquals(20, fake.runs.get(r).requests.size());
  }

  @Test
  void pressureSendsTheLargestRunsEarly() {
    for (int i = 0; i < 30; i++) {
      fake.createRun(run(i));
    }
    try (LogBatchWriter w = writer().maxBufferedRows(2000).deduplicate(false).build()) {
      for (int k = 0; k < 300; k++) {
        for (int i = 0; i < 30; i++) {
          w.add(MetricRow.of(run(i), "x", k, k, k));
        }
      }
      assertTrue(w.bufferedRows() <= 2001);
      assertEquals(9000, w.flush().pointsWritten());
    }
  }

  @Test
  void skipsPointsAlreadyOnTheServerAndRepeatsInTheInput() {
    String r = run(0);
    fake.createRun(r);
    fake.preload(r, "loss", 1.5, 10, 1);
    fake.preload(r, "loss", Double.NaN, 11, 1);
    fake.preload(r, "loss", Double.POSITIVE_INFINITY, 12, 1); // stored as MAX_VALUE
    fake.preload(r, "loss", 0.0, 13, 1);
    try (LogBatchWriter w = writer().build()) {
      w.add(MetricRow.of(r, "loss", 1.5, 10, 1)); // on the server
      w.add(MetricRow.of(r, "loss", Double.NaN, 11, 1)); // NaN equals NaN
      w.add(MetricRow.of(r, "loss", Double.MAX_VALUE, 12, 1)); // what +Infinity became
      w.add(MetricRow.of(r, "loss", -0.0, 13, 1)); // -0.0 == 0.0 in SQL
      w.add(new MetricRow(r, "loss", 1.5, 10L, null, null, null, null).withLineage(null, null, null));
      w.add(MetricRow.of(r, "loss", 2.5, 10, 1)); // new: other value
      w.add(MetricRow.of(r, "loss", 2.5, 10, 1)); // repeated in the input
      w.add(MetricRow.of(r, "loss", Double.NaN, 14, 1));
      w.add(MetricRow.of(r, "loss", Double.NaN, 14, 1)); // repeated NaN
      w.add(MetricRow.of(r, "acc", 1.5, 10, 1)); // new key
      WriteResult res = w.flush();
      assertEquals(4, res.pointsWritten(), res.toString());
      assertEquals(6, res.pointsSkipped(), res.toString());
      assertEquals(6, res.run(r).pointsSkipped());
    }
    FakeRun fr = fake.runs.get(r);
    assertEquals(4, fr.arrivals.size());
    assertEquals(1, fake.getRuns.get());
    assertEquals(1, fake.historyCalls.get() + fake.bulkCalls.get(), "only 'loss' is read");
  }

  @Test
  void historiesAreReadOncePerRunAndKey() {
    String r = run(0);
    fake.createRun(r);
    fake.preload(r, "loss", 1, 1, 1);
    try (LogBatchWriter w = writer().build()) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 1500; i++) {
          w.add(MetricRow.of(r, "loss", i, round * 10_000 + i, i));
        }
        w.flush();
      }
    }
    assertEquals(1, fake.getRuns.get());
    assertEquals(1, fake.historyCalls.get() + fake.bulkCalls.get());
  }

  @Test
  void historiesLongerThanAnAnswerAreReadToTheEnd() {
    int runs = 10;
    long there = 0;
    for (int i = 0; i < runs; i++) {
      fake.createRun(run(i));
      // step 0 throughout: nothing tells how long a history is before it is read
      for (int k = 0; k < 150 * (i + 1); k++) {
        fake.preload(run(i), "loss", k, k, 0);
        there++;
      }
    }
    WriteResult res;
    try (LogBatchWriter w = writer().historyPage(1000).maxInFlight(2).build()) {
      for (int k = 0; k < 1550; k++) {
        for (int i = 0; i < runs; i++) {
          if (k < 150 * (i + 1) + 50) {
            w.add(MetricRow.of(run(i), "loss", k, k, 0));
          }
        }
      }
      res = w.flush();
      assertTrue(w.pointsRead() >= there, "read " + w.pointsRead() + " of " + there);
    }
    assertEquals(runs * 50, res.pointsWritten());
    assertEquals(there, res.pointsSkipped());
    assertTrue(fake.bulkCalls.get() >= 1, "bulk calls " + fake.bulkCalls.get());
  }

  @Test
  void historiesAreReadOnceEachInAnswersSizedByTheirPoints() {
    int runs = 30;
    for (int i = 0; i < runs; i++) {
      fake.createRun(run(i));
      for (int k = 0; k < 300; k++) {
        fake.preload(run(i), "loss", k, k, k);
      }
    }
    fake.latencyMillis = 5;
    try (LogBatchWriter w = writer().historyPage(1000).maxInFlight(4).build()) {
      for (int k = 0; k < 300; k++) {
        for (int i = 0; i < runs; i++) {
          w.add(MetricRow.of(run(i), "loss", k, k, k));
        }
      }
      WriteResult res = w.flush();
      assertEquals(0, res.pointsWritten());
      assertEquals(runs * 300, res.pointsSkipped());
    }
    assertEquals(0, fake.logBatches.get(), "everything was there: nothing is sent");
    assertEquals(runs, fake.historyReads.size(), "each history once: " + fake.historyReads);
    assertEquals(runs, new java.util.HashSet<>(fake.historyReads).size());
    // the latest step says 300 points a run: three runs fill a 1000-point answer
    assertTrue(fake.maxBulkRuns.get() <= 3, "runs in one answer: " + fake.maxBulkRuns.get());
    assertTrue(fake.maxInFlight.get() >= 2, "reads never in parallel");
  }

  @Test
  void historiesOfRunsThatComeOneAfterAnotherAreReadTogether() {
    int runs = 10;
    for (int i = 0; i < runs; i++) {
      fake.createRun(run(i));
      for (int k = 0; k < 100; k++) {
        fake.preload(run(i), "loss", k, k, k);
      }
    }
    try (LogBatchWriter w = writer().build()) {
      for (int i = 0; i < runs; i++) { // run by run, as a Spark task gets them
        for (int k = 0; k < 1100; k++) {
          w.add(MetricRow.of(run(i), "loss", k, k, k));
        }
      }
      WriteResult res = w.flush();
      assertEquals(runs * 1000, res.pointsWritten());
      assertEquals(runs * 100, res.pointsSkipped());
    }
    assertEquals(runs, fake.historyReads.size(), "each history once: " + fake.historyReads);
    assertTrue(fake.bulkCalls.get() + fake.historyCalls.get() <= 2,
        "a history request per run: " + fake.historyReads);
  }

  @Test
  void aFlushRightAfterTheRowsWaitsForEveryRunBeforeReadingHistories() {
    int runs = 6;
    for (int i = 0; i < runs; i++) {
      fake.createRun(run(i));
      for (int k = 0; k < 10; k++) {
        fake.preload(run(i), "loss", k, k, k);
        fake.preload(run(i), "acc", k, k, k);
      }
    }
    fake.latencyMillis = 50; // the runs are still being read when flush() starts
    try (LogBatchWriter w = writer().maxInFlight(2).build()) {
      for (int i = 0; i < runs; i++) {
        for (int k = 0; k < 10; k++) {
          w.add(MetricRow.of(run(i), "loss", k, k, k));
          w.add(MetricRow.of(run(i), "acc", k, k, k));
        }
      }
      assertEquals(runs * 20, w.flush().pointsSkipped());
    }
    assertEquals(2, fake.bulkCalls.get() + fake.historyCalls.get(), "one request per key: "
        + fake.historyReads);
  }

  @Test
  void withoutTheBulkEndpointPagedHistoryIsUsed() {
    fake.bulkEndpoint = false;
    for (int i = 0; i < 3; i++) {
      fake.createRun(run(i));
      for (int k = 0; k < 50; k++) {
        fake.preload(run(i), "loss", k, k, k);
      }
    }
    try (LogBatchWriter w = writer().historyPage(20).build()) {
      for (int i = 0; i < 3; i++) {
        w.add(new TagRow(run(i), "t", "v"));
      }
      w.flush();
      for (int k = 0; k < 60; k++) {
        for (int i = 0; i < 3; i++) {
          w.add(MetricRow.of(run(i), "loss", k, k, k));
        }
      }
      WriteResult res = w.flush();
      assertEquals(30, res.pointsWritten());
      assertEquals(150, res.pointsSkipped());
    }
    assertEquals(0, fake.bulkCalls.get());
    assertEquals(3 * 3, fake.historyCalls.get()); // 50 points in pages of 20
  }

  @Test
  void withoutDeduplicationNothingIsRead() {
    String r = run(0);
    fake.createRun(r);
    fake.preload(r, "loss", 1, 1, 1);
    try (LogBatchWriter w = writer().deduplicate(false).build()) {
      w.add(MetricRow.of(r, "loss", 1, 1, 1));
      w.add(MetricRow.of(r, "loss", 1, 1, 1));
      w.add(new ParamRow(r, "p", "1"));
      w.add(new ParamRow(r, "p", "1")); // never twice in a request: MLflow refuses that
      WriteResult res = w.flush();
      assertEquals(2, res.pointsWritten());
      assertEquals(1, res.paramsWritten());
      assertEquals(1, res.paramsSkipped());
      assertEquals(1, res.requests());
    }
    assertEquals(0, fake.getRuns.get() + fake.historyCalls.get() + fake.bulkCalls.get());
  }

  @Test
  void aChangedParamIsReportedBeforeSendingWithDeduplication() {
    String r = run(0);
    FakeRun fr = fake.createRun(r);
    fr.params.put("lr", "0.1");
    fr.params.put("depth", "3");
    LogBatchWriter w = writer().build();
    w.add(MetricRow.of(r, "loss", 1, 1, 1));
    w.add(new ParamRow(r, "depth", "3")); // identical: fine, skipped
    w.add(new ParamRow(r, "lr", "0.2"));
    ParamConflictException e = assertThrows(ParamConflictException.class, w::flush);
    assertEquals(r, e.runId());
    assertEquals("lr", e.key());
    assertEquals("0.1", e.existingValue());
    assertEquals("0.2", e.newValue());
    assertTrue(e.getMessage().contains("Param 'lr' of run " + r), e.getMessage());
    assertTrue(e.getMessage().contains("'0.1'") && e.getMessage().contains("'0.2'"));
    assertTrue(e.getMessage().contains("Nothing was written"), e.getMessage());
    assertEquals(0, fake.logBatches.get(), "nothing sent");
    assertEquals(3, e.result().rowsDiscarded());
    // the writer stays failed
    assertThrows(ParamConflictException.class, () -> w.add(MetricRow.of(r, "x", 1, 1, 1)));
    assertThrows(ParamConflictException.class, w::close);
    w.close(); // closed now: nothing more
  }

  @Test
  void aChangedParamIsMappedFromTheServerWithoutDeduplication() {
    String r = run(0);
    fake.createRun(r).params.put("opt", "it's \"adam\"");
    LogBatchWriter w = writer().deduplicate(false).build();
    w.add(new ParamRow(r, "opt", "sgd"));
    ParamConflictException e = assertThrows(ParamConflictException.class, w::close);
    assertEquals("opt", e.key());
    assertEquals("it's \"adam\"", e.existingValue());
    assertEquals("sgd", e.newValue());
    assertTrue(e.getCause() instanceof MlflowApiException);
  }

  @Test
  void aParamGivenTwiceWithTwoValuesFailsAtAdd() {
    String r = run(0);
    fake.createRun(r);
    try (LogBatchWriter w = writer().build()) {
      w.add(new ParamRow(r, "lr", "0.1"));
      w.add(new ParamRow(r, "lr", "0.1"));
      ParamConflictException e =
          assertThrows(ParamConflictException.class, () -> w.add(new ParamRow(r, "lr", "0.3")));
      assertTrue(e.getMessage().contains("given twice in the input"), e.getMessage());
      w.add(new ParamRow(r, "other", "x")); // still usable
      WriteResult res = w.flush();
      assertEquals(2, res.paramsWritten());
      assertEquals(1, res.paramsSkipped());
    }
  }

  @Test
  void anUnknownRunIsNamedAndStopsTheWrite() {
    String good = run(0);
    String missing = run(99);
    fake.createRun(good);
    for (boolean dedup : new boolean[] {true, false}) {
      LogBatchWriter w = writer().deduplicate(dedup).maxInFlight(1).build();
      for (int i = 0; i < 1000; i++) {
        w.add(MetricRow.of(good, "loss", i, i, i));
      }
      w.flush();
      w.add(MetricRow.of(missing, "loss", 1, 1, 1));
      UnknownRunException e = assertThrows(UnknownRunException.class, w::flush);
      assertEquals(missing, e.runId());
      assertTrue(e.getMessage().contains("Run " + missing + " does not exist"), e.getMessage());
      assertTrue(e.getMessage().contains("Written so far: 1000 metric points"), e.getMessage());
      assertEquals(1000, e.result().run(good).pointsWritten());
      assertEquals(1, e.result().run(missing).rowsDiscarded());
      assertThrows(UnknownRunException.class, () -> w.add(MetricRow.of(good, "x", 1, 1, 1)));
      w.abort();
    }
  }

  @Test
  void anInvalidRowReportsWhatWasWrittenAndKeepsTheWriterUsable() {
    String r = run(0);
    fake.createRun(r);
    try (LogBatchWriter w = writer().build()) {
      for (int i = 0; i < 1200; i++) {
        w.add(MetricRow.of(r, "loss", i, i, i));
      }
      w.flush();
      InvalidRowException e = assertThrows(InvalidRowException.class,
          () -> w.add(MetricRow.of(r, "bad//key", 1, 1, 1)));
      assertEquals("KEY_PATH", e.rule());
      assertEquals(1200, e.result().pointsWritten());
      assertTrue(e.getMessage().contains("Written so far: 1200 metric points"), e.getMessage());
      w.add(MetricRow.of(r, "good", 1, 1, 1));
      assertEquals(1201, w.flush().pointsWritten());
    }
  }

  @Test
  void lineageCountsInDeduplication() {
    String r = run(0);
    fake.createRun(r);
    fake.createModel("m-1");
    fake.preload(r, "acc", 0.9, 5, 1);
    fake.models.get("m-1").put(new ModelPointKey("acc", 5, 1, r),
        new Metric("acc", 0.9, 5, 1, r, "m-1", "eval", "d1"));
    try (LogBatchWriter w = writer().build()) {
      // the run and the model have it: skipped
      w.add(MetricRow.of(r, "acc", 0.9, 5, 1).withLineage("m-1", "eval", "d1"));
      // the run has the point, the model not for this step: sent
      w.add(MetricRow.of(r, "acc", 0.8, 6, 2).withLineage("m-1", "eval", "d1"));
      // same run-level point as above without lineage: its own row, sent
      w.add(MetricRow.of(r, "acc", 0.8, 6, 2));
      // repeated with lineage: skipped
      w.add(MetricRow.of(r, "acc", 0.8, 6, 2).withLineage("m-1", "eval", "d1"));
      WriteResult res = w.flush();
      assertEquals(2, res.pointsWritten());
      assertEquals(2, res.pointsSkipped());
    }
    assertEquals(1, fake.modelCalls.get());
    assertEquals(2, fake.models.get("m-1").size());
  }

  @Test
  void conflictingModelPointsAreRefused() {
    String r = run(0);
    fake.createRun(r);
    fake.createModel("m-1");
    fake.models.get("m-1").put(new ModelPointKey("acc", 5, 1, r),
        new Metric("acc", 0.9, 5, 1, r, "m-1", "eval", "d1"));
    LogBatchWriter w = writer().build();
    w.add(MetricRow.of(r, "acc", 0.7, 7, 1).withLineage("m-1", "eval", "d1"));
    // in the input: same model, key, timestamp, step; another dataset
    InvalidRowException e = assertThrows(InvalidRowException.class,
        () -> w.add(MetricRow.of(r, "acc", 0.7, 7, 1).withLineage("m-1", "holdout", "d2")));
    assertEquals("MODEL_POINT_CONFLICT", e.rule());
    // against the server: the model has (acc, 5, 1) with value 0.9
    w.add(MetricRow.of(r, "acc", 0.95, 5, 1).withLineage("m-1", "eval", "d1"));
    WriteException we = assertThrows(WriteException.class, w::flush);
    assertTrue(we.getMessage().contains("logged model m-1 already has a point at timestamp 5"),
        we.getMessage());
    assertEquals(0, fake.logBatches.get());
    w.abort();
  }

  @Test
  void anUnknownModelIsNamedBeforeSending() {
    String r = run(0);
    fake.createRun(r);
    LogBatchWriter w = writer().build();
    w.add(MetricRow.of(r, "acc", 0.7, 7, 1).withLineage("m-404", null, null));
    WriteException e = assertThrows(WriteException.class, w::close);
    assertTrue(e.getMessage().contains("Logged model m-404"), e.getMessage());
    assertTrue(e.getMessage().contains("run " + r), e.getMessage());
    assertEquals(0, fake.logBatches.get());
  }

  @Test
  void aDeletedRunIsReported() {
    String r = run(0);
    fake.createRun(r).lifecycleStage = "deleted";
    for (boolean dedup : new boolean[] {true, false}) {
      LogBatchWriter w = writer().deduplicate(dedup).build();
      w.add(new TagRow(r, "t", "v"));
      WriteException e = assertThrows(WriteException.class, w::flush);
      assertTrue(e.getMessage().contains("Run " + r + " is"), e.getMessage());
      assertTrue(e.getMessage().contains("restore it first"), e.getMessage());
      w.abort();
    }
  }

  @Test
  void abortDropsWhatIsBufferedAndReportsWhatWasWritten() {
    String r = run(0);
    fake.createRun(r);
    LogBatchWriter w = writer().build();
    for (int i = 0; i < 2500; i++) {
      w.add(MetricRow.of(r, "loss", i, i, i));
    }
    WriteResult res = w.abort();
    assertEquals(2500, res.pointsWritten() + res.rowsDiscarded());
    assertEquals(res.pointsWritten(), fake.runs.get(r).pointCount());
    assertThrows(IllegalStateException.class, () -> w.add(MetricRow.of(r, "x", 1, 1, 1)));
    w.close();
  }

  @Test
  void serverErrorsNameTheRunAndTheRequest() {
    String r = run(0);
    fake.createRun(r);
    fake.onLogBatch = req -> {
      throw new MlflowApiException("INTERNAL_ERROR", 500, FakeMlflow.LOG_BATCH, "boom", null);
    };
    LogBatchWriter w = writer().deduplicate(false).build();
    w.add(MetricRow.of(r, "loss", 1, 1, 1));
    WriteException e = assertThrows(WriteException.class, w::close);
    assertTrue(e.getMessage().startsWith("log-batch for run " + r + " (1 metrics, 0 params, 0 tags)"
        + " failed: MLflow request failed: HTTP 500"), e.getMessage());
    assertEquals(r, e.runId());
    assertEquals(0, e.result().pointsWritten());
    assertEquals(1, e.result().rowsDiscarded(), "the failed request's rows are not written");
  }

  @Test
  void resultsAreSerializableAndSummarised() throws Exception {
    String r = run(0);
    fake.createRun(r);
    WriteResult res;
    try (LogBatchWriter w = writer().build()) {
      w.add(MetricRow.of(r, "loss", 1, 1, 1));
      w.add(new ParamRow(r, "p", "v"));
      res = w.flush();
    }
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(res);
      out.writeObject(new UnknownRunException(r, res, null));
    }
    try (var in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(res, in.readObject());
      UnknownRunException e = (UnknownRunException) in.readObject();
      assertEquals(r, e.runId());
      assertEquals(res, e.result());
    }
    assertEquals("1 metric points, 1 params, 0 tags in 1 run with 1 log-batch requests [run "
        + r + ": 1 points, 1 params, 0 tags]", res.summary());
    assertNull(res.runs().get("nope"));
    assertEquals(Map.of(), WriteResult.EMPTY.runs());
    assertEquals(RunPoint.of(1, 1, Double.NaN), RunPoint.of(1, 1, Double.NaN));
  }
}
