package org.mlflowtables.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.stream.PointsOffset.Finishing;
import org.mlflowtables.core.stream.PointsOffset.Followed;

/** The checkpointed JSON of offsets (docs/streaming.md, "Offset format"): versioned, stable. */
class OffsetJsonTest {
  private static final EndedRuns ENDED = EndedRuns.startingAt(1_000L)
      .taking(List.of(new EndedRuns.Ended("r1", 5_000)), List.of(), 2_000);

  private static final RunsOffset RUNS = new RunsOffset("runs", ENDED,
      new TreeMap<>(Map.of("r1", "7")));

  private static final PointsOffset POINTS = new PointsOffset("metrics", 1_000L, ENDED,
      new TreeMap<>(Map.of("r2", new Followed("7", new TreeMap<>(Map.of("loss", 4_000L))))),
      new TreeMap<>(Map.of("r1", new Finishing("7", new TreeSet<>(List.of("acc", "loss"))))));

  @Test
  void anOffsetOfFinishedRunsIsWrittenAsDocumented() {
    assertEquals("{\"version\":1,\"table\":\"runs\",\"floor\":1000,\"ended\":{\"endTime\":5000,"
        + "\"runId\":\"r1\",\"recent\":{\"r1\":5000}},\"batch\":{\"r1\":\"7\"}}", RUNS.json());
  }

  @Test
  void anOffsetOfPointsIsWrittenAsDocumented() {
    assertEquals("{\"version\":1,\"table\":\"metrics\",\"floor\":1000,\"ended\":{\"endTime\":5000,"
        + "\"runId\":\"r1\",\"recent\":{\"r1\":5000}},\"following\":{\"r2\":{\"experimentId\":"
        + "\"7\",\"cuts\":{\"loss\":4000}}},\"finishing\":{\"r1\":{\"experimentId\":\"7\","
        + "\"keys\":[\"acc\",\"loss\"]}}}", POINTS.json());
  }

  @Test
  void whatIsWrittenIsReadBackEqual() {
    assertEquals(RUNS, OffsetJson.read(RUNS.json(), "runs", false));
    assertEquals(POINTS, OffsetJson.read(POINTS.json(), "metrics", true));
  }

  @Test
  void anotherVersionIsRefusedNamingIt() {
    String v2 = RUNS.json().replace("\"version\":1", "\"version\":2");
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> OffsetJson.read(v2, "runs", false));
    assertTrue(e.getMessage().contains("offset of version 2")
        && e.getMessage().contains("reads offset version 1 only"), e.getMessage());
  }

  @Test
  void anotherTablesOffsetIsRefusedNamingBoth() {
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> OffsetJson.read(RUNS.json().replace("\"runs\"", "\"params\""), "runs", false));
    assertTrue(e.getMessage().contains("table params, not of runs"), e.getMessage());
  }

  @Test
  void textThatIsNoOffsetSaysWhy() {
    MlflowTablesException e = assertThrows(MlflowTablesException.class,
        () -> OffsetJson.read("{\"table\":\"runs\"}", "runs", false));
    assertTrue(e.getMessage().contains("no \"version\""), e.getMessage());
  }
}
