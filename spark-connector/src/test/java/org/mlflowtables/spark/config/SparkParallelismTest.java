package org.mlflowtables.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The share of a job's requests in flight each of its tasks keeps. */
class SparkParallelismTest {
  @Test
  void theTasksRunningAtOnceShareTheJobsRequestsInFlight() {
    assertEquals(4, SparkParallelism.inFlightPerTask(8, 2, 2));
    assertEquals(4, SparkParallelism.inFlightPerTask(8, 200, 2), "2 of 200 tasks at once");
    assertEquals(8, SparkParallelism.inFlightPerTask(8, 1, 16), "one task keeps them all");
    assertEquals(2, SparkParallelism.inFlightPerTask(8, 3, 3), "never more than the job's");
  }

  @Test
  void eachTaskKeepsAtLeastOneRequestInFlight() {
    assertEquals(1, SparkParallelism.inFlightPerTask(8, 64, 64));
    assertEquals(8, SparkParallelism.inFlightPerTask(8, 0, 2), "an empty job");
  }
}
