package org.mlflowtables.spark.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReadMaxRows;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.stream.StreamOffset;
import org.mlflowtables.core.stream.StreamSettings;
import org.mlflowtables.core.stream.TableStream;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.schema.RowConverter;

/**
 * A micro-batch stream of an MLflow table, on the driver. Core's {@link TableStream} decides
 * everything: the offsets (JSON in the checkpoint), the end of each micro-batch and its parts; this
 * class only hands them to Spark. Admission control: a micro-batch takes at most {@code
 * maxRunsPerTrigger} newly finished runs. {@code Trigger.AvailableNow} reads what is there when the
 * query starts and stops. Each micro-batch reports, in the query's progress, the requests the
 * driver sent to find what was new and the stream's own figures ({@link TableStream#metrics}).
 */
final class MlflowMicroBatchStream
    implements MicroBatchStream, SupportsTriggerAvailableNow, ReportsSourceMetrics {
  private final TableStream stream;
  private final SparkMlflowOptions options;
  private final RowConverter converter;
  private final String checkpoint;
  private final int maxRunsPerTrigger;
  private final LongSupplier clock;
  private MlflowClient client;
  private StreamOffset initial;
  private Long until;
  private long lastRequests;

  MlflowMicroBatchStream(TableStream stream, SparkMlflowOptions options,
      RowConverter converter, String checkpoint) {
    this(stream, options, converter, checkpoint, System::currentTimeMillis);
  }

  MlflowMicroBatchStream(TableStream stream, SparkMlflowOptions options, RowConverter converter,
      String checkpoint, LongSupplier clock) {
    this.stream = stream;
    this.options = options;
    this.converter = converter;
    this.checkpoint = checkpoint;
    this.maxRunsPerTrigger = StreamSettings.from(options.stream()).maxRunsPerTrigger();
    this.clock = clock;
  }

  private synchronized MlflowClient client() {
    if (client == null) {
      client = MlflowClient.create(options.config());
    }
    return client;
  }

  @Override
  public synchronized Offset initialOffset() {
    if (initial == null) {
      String json = new InitialOffsetFile(checkpoint,
          SparkSession.active().sparkContext().hadoopConfiguration())
          .getOrCreate(() -> stream.initialOffset(clock.getAsLong()).json());
      initial = stream.parse(json);
    }
    return new MlflowStreamOffset(initial);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return new MlflowStreamOffset(stream.parse(json));
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.maxRows(maxRunsPerTrigger);
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException(
        "An MLflow stream takes latestOffset(start, limit): it controls admission");
  }

  @Override
  public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
    int maxRuns = limit instanceof ReadMaxRows m
        ? (int) Math.min(Integer.MAX_VALUE, m.maxRows()) : Integer.MAX_VALUE;
    MlflowClient c = client();
    long before = c.stats().requests();
    StreamOffset end = stream.latestOffset(offset(start),
        new TableStream.Poll(clock.getAsLong(), maxRuns, until), c);
    lastRequests = c.stats().requests() - before;
    return new MlflowStreamOffset(end);
  }

  @Override
  public synchronized void prepareForTriggerAvailableNow() {
    until = clock.getAsLong();
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    List<org.mlflowtables.core.stream.StreamPart> parts =
        stream.parts(offset(start), offset(end), MlflowBatch.maxPartitions(options));
    InputPartition[] out = new InputPartition[parts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new MlflowStreamPartition(i, parts.get(i));
    }
    return out;
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new MlflowStreamReaderFactory(options.config(), stream, converter);
  }

  @Override
  public synchronized Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("driverRequests", Long.toString(lastRequests));
    latestConsumedOffset.ifPresent(o -> m.putAll(stream.metrics(offset(o), clock.getAsLong())));
    return m;
  }

  /** Core's offset of one Spark hands back (restored from a checkpoint, it is plain JSON). */
  private StreamOffset offset(Offset o) {
    return o instanceof MlflowStreamOffset s ? s.offset() : stream.parse(o.json());
  }

  @Override
  public void commit(Offset end) {
    // Nothing to release: the offsets hold all the state, and MLflow keeps no cursor.
  }

  @Override
  public void stop() {
    // Clients share their connection pools; nothing of this stream's to close.
  }

  @Override
  public String toString() {
    return stream.describe();
  }
}
