package org.mlflowtables.core.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The de-duplication reads against the in-memory MLflow: nothing dropped where answers are cut. */
class ServerReadsTest {
  private final FakeMlflow fake = new FakeMlflow();

  private void runWithPoints(String runId, int points) {
    fake.createRun(runId);
    for (int k = 0; k < points; k++) {
      fake.preload(runId, "loss", k, k, k);
    }
  }

  @Test
  void aCutAnswerCompletesTheRunsBeforeTheCutAndHandsBackTheRest() {
    runWithPoints("a", 300);
    runWithPoints("b", 300);
    runWithPoints("c", 300);
    runWithPoints("d", 300);
    fake.createRun("e");
    ServerReads reads = new ServerReads(fake, 1000);
    ServerReads.Histories h = reads.histories("loss", List.of("a", "b", "c", "d", "e"));
    assertEquals(List.of("a", "b", "c"), List.copyOf(h.complete().keySet()));
    assertEquals(300, h.complete().get("c").size());
    // d was cut after 100 of its points; e sorts after the cut, so nothing is known of it
    assertEquals(Map.of("d", 101, "e", 1), h.again());
    assertEquals(1000, reads.pointsRead());
  }

  @Test
  void anAnswerWithinThePageIsCompleteForEveryRunAskedFor() {
    runWithPoints("a", 10);
    fake.createRun("b");
    ServerReads.Histories h = new ServerReads(fake, 1000).histories("loss", List.of("a", "b"));
    assertEquals(10, h.complete().get("a").size());
    assertEquals(0, h.complete().get("b").size());
    assertEquals(Map.of(), h.again());
  }

  @Test
  void oneRunIsReadPagedToItsLastPage() {
    runWithPoints("a", 2500);
    ServerReads.Histories h = new ServerReads(fake, 1000).histories("loss", List.of("a"));
    assertEquals(2500, h.complete().get("a").size());
    assertEquals(3, fake.historyCalls.get());
    assertEquals(0, fake.bulkCalls.get());
  }

  @Test
  void aMissingBulkEndpointHandsEveryRunBackForPagedReads() {
    fake.bulkEndpoint = false;
    runWithPoints("a", 10);
    runWithPoints("b", 10);
    ServerReads reads = new ServerReads(fake, 1000);
    ServerReads.Histories h = reads.histories("loss", List.of("a", "b"));
    assertEquals(Map.of("a", 1, "b", 1), h.again());
    assertFalse(reads.bulkAvailable());
    assertEquals(10, reads.histories("loss", List.of("a", "b")).complete().get("b").size());
  }
}
