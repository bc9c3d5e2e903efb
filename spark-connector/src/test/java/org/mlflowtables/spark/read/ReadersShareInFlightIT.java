package org.mlflowtables.spark.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.spark.SparkTestSessions;

/** A read's partitions that run at once share its requests in flight, as a write's tasks do. */
@ExtendWith(MlflowServerExtension.class)
class ReadersShareInFlightIT {
  private static SparkSession spark; // local[2,2]: two tasks at once
  private static MlflowServer server;
  private static String fxExperiments;

  @BeforeAll
  static void setUp(MlflowServer s, Oracle oracle) {
    spark = SparkTestSessions.plain();
    server = s;
    fxExperiments = oracle.experiments().stream().map(e -> "'" + e.experimentId() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private static BatchScanExec history(int maxPartitions) {
    Dataset<Row> df = spark.read().format("mlflow").option("uri", server.uri())
        .option("maxInFlight", "8").option("maxPartitions", Integer.toString(maxPartitions))
        .load("metrics").where("experiment_id IN " + fxExperiments);
    List<BatchScanExec> scans = SparkTestSessions.scans(df);
    assertEquals(1, scans.size());
    return scans.get(0);
  }

  private static int inFlightPerReader(BatchScanExec scan) {
    return ((MlflowPartitionReaderFactory) scan.readerFactory()).config().maxInFlight();
  }

  @Test
  void twoPartitionsOnTwoCoresKeepHalfEach() {
    BatchScanExec scan = history(2);
    assertEquals(2, scan.inputPartitions().size());
    assertEquals(4, inFlightPerReader(scan));
  }

  @Test
  void onePartitionKeepsThemAll() {
    BatchScanExec scan = history(1);
    assertEquals(1, scan.inputPartitions().size());
    assertEquals(8, inFlightPerReader(scan));
  }
}
