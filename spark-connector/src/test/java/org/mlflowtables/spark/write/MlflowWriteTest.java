package org.mlflowtables.spark.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.distributions.ClusteredDistribution;
import org.apache.spark.sql.connector.distributions.UnspecifiedDistribution;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.write.WriteResult;
import org.mlflowtables.spark.SparkTestSessions;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.schema.LogBatchRowMapper;

/** The layout a write asks Spark for, its requests in flight a task, what an abort reports. */
class MlflowWriteTest {
  private static final SparkMlflowOptions OPTIONS =
      SparkMlflowOptions.from(Map.of("uri", "http://127.0.0.1:1"));

  private static MlflowWrite write(String table, StructType input) {
    return new MlflowWrite(Tables.get(table), OPTIONS,
        LogBatchRowMapper.of(Tables.get(table), input));
  }

  private static String describe(Object[] items) {
    return Arrays.toString(Arrays.stream(items).map(Object::toString).toArray());
  }

  @Test
  void metricsAreClusteredByRunAndSortedByRunKeyStepAndTimeInTheInputsOwnNames() {
    StructType input = new StructType().add("RUN_ID", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("timestamp", DataTypes.TimestampType).add("Step", DataTypes.LongType);
    MlflowWrite w = write("metrics", input);
    ClusteredDistribution d = (ClusteredDistribution) w.requiredDistribution();
    assertEquals("[RUN_ID]", describe(d.clustering()));
    assertEquals("[RUN_ID ASC NULLS FIRST, key ASC NULLS FIRST, Step ASC NULLS FIRST,"
        + " timestamp ASC NULLS FIRST]", describe(w.requiredOrdering()));
    assertEquals(0, w.requiredNumPartitions(), "Spark's partitions, coalesced by AQE");
    assertTrue(w.distributionStrictlyRequired(), "a run never split over tasks");
  }

  @Test
  void anAbsentOptionalColumnIsLeftOutOfTheOrdering() {
    StructType input = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("timestamp", DataTypes.LongType);
    assertEquals("[run_id ASC NULLS FIRST, key ASC NULLS FIRST, timestamp ASC NULLS FIRST]",
        describe(write("metrics", input).requiredOrdering()));
  }

  @Test
  void tagsKeepTheInputsOrderBecauseTheLastValueWins() {
    StructType input = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    MlflowWrite w = write("tags", input);
    assertTrue(w.requiredDistribution() instanceof UnspecifiedDistribution);
    assertEquals(0, w.requiredOrdering().length);
  }

  @Test
  void theTasksRunningAtOnceShareTheWritesRequestsInFlight() {
    assertEquals(4, MlflowBatchWrite.inFlightPerTask(8, 2, 2));
    assertEquals(4, MlflowBatchWrite.inFlightPerTask(8, 200, 2), "2 of 200 tasks at once");
    assertEquals(8, MlflowBatchWrite.inFlightPerTask(8, 1, 16), "one task keeps them all");
    assertEquals(2, MlflowBatchWrite.inFlightPerTask(8, 3, 3), "never more than the write's");
  }

  @Test
  void eachTaskKeepsAtLeastOneRequestInFlight() {
    assertEquals(1, MlflowBatchWrite.inFlightPerTask(8, 64, 64));
    assertEquals(8, MlflowBatchWrite.inFlightPerTask(8, 0, 2), "an empty write");
  }

  @Test
  void theWritersFactoryCarriesATasksShareOfTheSessionsParallelism() {
    SparkSession.setActiveSession(SparkTestSessions.plain()); // local[2,2]: 2 tasks at once
    StructType input = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.DoubleType)
        .add("timestamp", DataTypes.LongType);
    BatchWrite batch = new MlflowWrite(Tables.get("metrics"),
        SparkMlflowOptions.from(Map.of("uri", "http://127.0.0.1:1", "maxInFlight", "8")),
        LogBatchRowMapper.of(Tables.get("metrics"), input)).toBatch();
    PhysicalWriteInfo twoPartitions = () -> 2;
    assertEquals(4, ((MlflowDataWriterFactory) batch.createBatchWriterFactory(twoPartitions))
        .config().maxInFlight());
  }

  @Test
  void abortReportsWhatStaysOnTheServerWithoutThrowing() {
    StructType input = new StructType().add("run_id", DataTypes.StringType)
        .add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    MlflowBatchWrite batch = (MlflowBatchWrite) write("params", input).toBatch();
    WriteResult.RunCounts one = new WriteResult.RunCounts(0, 0, 3, 0, 0, 0, 1);
    WriteResult committed = new WriteResult(0, 0, 3, 0, 0, 0, 0, 1, 2, 0, Map.of("run-a", one));
    WriterCommitMessage[] messages = {new MlflowWriterCommitMessage(0, 7, committed), null};
    batch.abort(messages); // logs, never throws: Spark raises the write's own failure
    assertEquals("Append to MLflow table params failed. MLflow cannot take back what was"
        + " written: 1/2 tasks committed, 0 metric points (0 skipped as duplicates), 3 params,"
        + " 0 tags in 2 requests, to 1 run (run-a); each failed task logged what it wrote."
        + " Re-running the append skips the metric points already on the server.",
        batch.abortReport(messages));
  }
}
