package org.mlflowtables.core.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.LogBatchRequest;
import org.mlflowtables.core.config.MlflowConfig;
import org.mlflowtables.core.exceptions.MlflowApiException;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.core.write.Points.InputPoint;
import org.mlflowtables.core.write.Points.ModelPayload;
import org.mlflowtables.core.write.Points.ModelPointKey;
import org.mlflowtables.core.write.Points.RunPoint;
import org.mlflowtables.core.write.RequestPacker.Buffered;
import org.mlflowtables.core.write.RequestPacker.Decider;
import org.mlflowtables.core.write.RequestPacker.Decision;
import org.mlflowtables.core.write.RequestPacker.Packed;
import org.mlflowtables.core.write.ServerState.RunSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes metric points, params and tags through MLflow's log-batch endpoint: validates each row
 * as MLflow would ({@link LogBatchValidator}), buffers rows grouped by run, packs them into
 * requests within MLflow's limits ({@link LogBatchLimits}) and sends the runs in parallel.
 *
 * <h2>Order and parallelism</h2>
 * A run's requests are sent one after another, in the order its rows were added (per kind: the
 * last value of a tag key wins, as in MLflow); different runs are written in parallel, with at
 * most {@link MlflowConfig#maxInFlight()} HTTP requests in flight (reads included). A run is sent
 * as soon as its buffer can fill a request, and everything on {@link #flush()} and {@link
 * #close()}. {@link #add} blocks while more than {@code maxBufferedRows} rows (100 000 by default)
 * or {@code maxBufferedBytes} (64 MiB of request JSON) wait, sending the largest runs early.
 *
 * <h2>De-duplication</h2>
 * On by default ({@link MlflowConfig#deduplicate()}), so that a back-fill can be re-run and a
 * Spark task retried without doubling points. Before a run's first request the writer reads the
 * run (get-run: one request per run; it also gives the run's params and metric keys) and, for
 * each key being written that the run already has, its history (get-history-bulk for up to 100
 * runs at once, paged get-history where the bulk answer is cut or the endpoint missing), and for
 * each {@code model_id} the logged model (get-logged-model). It then skips:
 * <ul>
 *   <li>metric points the run already has: same key, timestamp, step and value as MLflow's SQL
 *       store compares them (NaN equals NaN; +/-Infinity equals the +/-{@link Double#MAX_VALUE}
 *       it is stored as; -0.0 equals 0.0), and for points with lineage, whose logged model also
 *       has the same point (key, timestamp, step, run, value and dataset);
 *   <li>metric points given twice in the input (lineage included);
 *   <li>params already set to the same value.
 * </ul>
 * Lineage: MLflow 3.17's get-history does not return {@code model_id}, {@code dataset_name} or
 * {@code dataset_digest}; they live only in the logged model's metrics, which is where the writer
 * reads them. A point with lineage is skipped only when both the run and the model have it. What
 * was read is cached for the writer's life, so each history is read once; it is the server's
 * state when the writer first looked, so two writers sending the same points at the same time
 * both send them (MLflow's SQL store then keeps one copy: its primary key is the point). Memory: a few dozen
 * bytes per point read or added. Turning de-duplication off skips every read (saving one get-run
 * per run, one history read per (run, key) already on the server, one get-logged-model per model)
 * and the in-memory sets; MLflow's SQL store still ignores exact duplicate points, but params that
 * changed are then only reported by the server, after the request's earlier parts were stored.
 *
 * <h2>Failures</h2>
 * A row that breaks a rule fails {@link #add} with an {@link InvalidRowException} (and a param
 * given twice with two values with a {@link ParamConflictException}); the writer stays usable. A
 * failure while sending ({@link UnknownRunException}, {@link ParamConflictException}, a server
 * error) stops the writer: buffered rows are dropped (counted in {@link
 * WriteResult#rowsDiscarded()}), and the next call to {@link #add}, {@link #flush()} or {@link
 * #close()} throws it. Every {@link WriteException} carries the counts of what was written: MLflow
 * has no transactions, so that is what stays on the server.
 *
 * <p>Thread-safe. Use one writer per task (Spark partition, JDBC statement); close it.
 */
public final class LogBatchWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogBatchWriter.class);

  /** Rows buffered before {@link #add} blocks. */
  public static final long DEFAULT_MAX_BUFFERED_ROWS = 100_000;
  /** Estimated request bytes buffered before {@link #add} blocks. */
  public static final long DEFAULT_MAX_BUFFERED_BYTES = 64L << 20;

  private static final AtomicInteger WRITER_IDS = new AtomicInteger();

  private final LogBatchBackend backend;
  private final LogBatchLimits limits;
  private final boolean deduplicate;
  private final int maxInFlight;
  private final long maxBufferedRows;
  private final long maxBufferedBytes;
  private final ServerState server;
  private final WriteCounters counters;
  private final ThreadPoolExecutor executor;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, RunBuffer> runs = new LinkedHashMap<>();
  private final ArrayDeque<RunBuffer> ready = new ArrayDeque<>();
  private long bufferedRows;
  private long bufferedBytes;
  private int active;
  private int flushing;
  private WriteException failure;
  private boolean closed;

  private LogBatchWriter(Builder b) {
    this.backend = b.backend;
    this.limits = b.limits;
    this.deduplicate = b.deduplicate;
    this.maxInFlight = b.maxInFlight;
    this.maxBufferedRows = b.maxBufferedRows;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.server = new ServerState(backend, b.historyPage);
    this.counters = new WriteCounters(backend::requests, backend::retries);
    int id = WRITER_IDS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "mlflow-log-batch-" + id + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.executor.allowCoreThreadTimeOut(true);
  }

  /** A writer with the client's settings ({@code maxInFlight}, {@code deduplicate}). */
  public static LogBatchWriter create(MlflowClient client) {
    return builder(client).build();
  }

  /** A builder starting from the client's settings. */
  public static Builder builder(MlflowClient client) {
    Objects.requireNonNull(client, "client");
    return new Builder(LogBatchBackend.of(client), client.config());
  }

  /** For tests: a writer over any backend. */
  static Builder builder(LogBatchBackend backend, MlflowConfig config) {
    return new Builder(backend, config);
  }

  /** Options of a {@link LogBatchWriter}. */
  public static final class Builder {
    private final LogBatchBackend backend;
    private int maxInFlight;
    private boolean deduplicate;
    private long maxBufferedRows = DEFAULT_MAX_BUFFERED_ROWS;
    private long maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES;
    private LogBatchLimits limits = LogBatchLimits.MLFLOW;
    private int historyPage = MlflowClient.MAX_HISTORY_PAGE;

    private Builder(LogBatchBackend backend, MlflowConfig config) {
      this.backend = backend;
      this.maxInFlight = config == null ? MlflowConfig.MAX_IN_FLIGHT_DEFAULT : config.maxInFlight();
      this.deduplicate = config == null || config.deduplicate();
    }

    /** Requests in flight at once (default: the config's {@code maxInFlight}). */
    public Builder maxInFlight(int n) {
      if (n < 1 || n > 256) {
        throw new IllegalArgumentException("maxInFlight must be between 1 and 256, got " + n);
      }
      this.maxInFlight = n;
      return this;
    }

    /** Whether to skip points already on the server (default: the config's). */
    public Builder deduplicate(boolean on) {
      this.deduplicate = on;
      return this;
    }

    /** Rows buffered before {@link LogBatchWriter#add} blocks. */
    public Builder maxBufferedRows(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBufferedRows must be positive, got " + n);
      }
      this.maxBufferedRows = n;
      return this;
    }

    /** Estimated JSON bytes buffered before {@link LogBatchWriter#add} blocks. */
    public Builder maxBufferedBytes(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxBufferedBytes must be positive, got " + n);
      }
      this.maxBufferedBytes = n;
      return this;
    }

    /** The packing budget of one request (default {@link LogBatchLimits#MLFLOW}). */
    public Builder limits(LogBatchLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Points asked for per history call (the server caps it at 25 000); for tests. */
    Builder historyPage(int n) {
      if (n < 1 || n > MlflowClient.MAX_HISTORY_PAGE) {
        throw new IllegalArgumentException("historyPage must be between 1 and "
            + MlflowClient.MAX_HISTORY_PAGE + ", got " + n);
      }
      this.historyPage = n;
      return this;
    }

    public LogBatchWriter build() {
      return new LogBatchWriter(this);
    }
  }

  /** The rows of one run waiting to be sent, and what the input has given for it so far. */
  private static final class RunBuffer {
    final String runId;
    final ArrayDeque<Buffered<MetricRow>> metrics = new ArrayDeque<>();
    final ArrayDeque<Buffered<ParamRow>> params = new ArrayDeque<>();
    final ArrayDeque<Buffered<TagRow>> tags = new ArrayDeque<>();
    long bytes;
    boolean inFlight;
    boolean queued;
    /** Sent before it can fill a request, to free buffer space. */
    boolean forced;
    /** Buffered metric rows per key and per model id (to plan the reads). */
    final Map<String, Integer> pendingKeys = new HashMap<>();
    final Map<String, Integer> pendingModels = new HashMap<>();
    /** Every param value given (MLflow refuses one key twice in a request, or changed). */
    final Map<String, String> paramValues = new HashMap<>();
    /** Every point given (de-duplication only). */
    final Set<InputPoint> seen = new HashSet<>();
    /** Every logged-model point given, by model (de-duplication only). */
    final Map<String, Map<ModelPointKey, ModelPayload>> modelPoints = new HashMap<>();

    RunBuffer(String runId) {
      this.runId = runId;
    }

    int rows() {
      return metrics.size() + params.size() + tags.size();
    }
  }

  // ---- adding ------------------------------------------------------------------------------

  /**
   * Adds a row. Blocks while too much is buffered.
   *
   * @throws InvalidRowException when the row breaks one of MLflow's rules (nothing of it is kept;
   *     the writer stays usable)
   * @throws ParamConflictException when the input gave this param before with another value
   * @throws WriteException when an earlier request failed (the writer is then unusable)
   * @throws IllegalStateException after {@link #close()} or {@link #abort()}
   */
  public void add(LogRow row) {
    Objects.requireNonNull(row, "row");
    try {
      LogBatchValidator.validate(row);
    } catch (InvalidRowException e) {
      throw e.withResult(counters.snapshot());
    }
    lock.lock();
    try {
      ensureUsable();
      RunBuffer rb = runs.computeIfAbsent(row.runId(), RunBuffer::new);
      if (!admit(rb, row)) {
        return;
      }
      enqueue(rb, row);
      if (!rb.inFlight && !rb.queued && isReady(rb)) {
        schedule(rb);
      }
      dispatch();
      awaitBufferSpace();
    } finally {
      lock.unlock();
    }
  }

  /** Adds rows in order; see {@link #add(LogRow)}. */
  public void addAll(Iterable<? extends LogRow> rows) {
    for (LogRow row : rows) {
      add(row);
    }
  }

  /** Whether the row is new input (false: a duplicate, counted as skipped). */
  private boolean admit(RunBuffer rb, LogRow row) {
    if (row instanceof MetricRow m) {
      if (!deduplicate) {
        return true;
      }
      if (m.modelId() != null) {
        Map<ModelPointKey, ModelPayload> points =
            rb.modelPoints.computeIfAbsent(m.modelId(), k -> new HashMap<>());
        ModelPointKey key = ModelPointKey.of(m);
        ModelPayload payload = ModelPayload.of(m);
        ModelPayload earlier = points.putIfAbsent(key, payload);
        if (earlier != null && !earlier.equals(payload)) {
          throw new InvalidRowException(m.kind(), m.runId(), m.key(), "MODEL_POINT_CONFLICT",
              "Invalid metric row for run " + Messages.quote(m.runId()) + ", key "
                  + Messages.quote(m.key()) + ": logged model " + m.modelId()
                  + " was already given a point at timestamp " + m.timestamp() + ", step "
                  + m.stepOrZero() + " with " + earlier.describe() + ", and this row has "
                  + payload.describe() + "; MLflow keys a logged model's metric points by model,"
                  + " key, timestamp, step and run, and refuses a second one.",
              counters.snapshot());
        }
      }
      if (!rb.seen.add(InputPoint.of(m))) {
        counters.pointsSkipped(rb.runId, 1);
        return false;
      }
      return true;
    }
    if (row instanceof ParamRow p) {
      String earlier = rb.paramValues.putIfAbsent(p.key(), p.value());
      if (earlier == null) {
        return true;
      }
      if (earlier.equals(p.value())) {
        counters.paramsSkipped(rb.runId, 1);
        return false;
      }
      throw ParamConflictException.of(rb.runId, p.key(), earlier, p.value(), false,
          counters.snapshot(), null);
    }
    return true;
  }

  private void enqueue(RunBuffer rb, LogRow row) {
    int bytes;
    if (row instanceof MetricRow m) {
      Buffered<MetricRow> b = Buffered.of(m);
      rb.metrics.addLast(b);
      rb.pendingKeys.merge(m.key(), 1, Integer::sum);
      if (m.modelId() != null) {
        rb.pendingModels.merge(m.modelId(), 1, Integer::sum);
      }
      bytes = b.bytes();
    } else if (row instanceof ParamRow p) {
      Buffered<ParamRow> b = Buffered.of(p);
      rb.params.addLast(b);
      bytes = b.bytes();
    } else {
      Buffered<TagRow> b = Buffered.of((TagRow) row);
      rb.tags.addLast(b);
      bytes = b.bytes();
    }
    rb.bytes += bytes;
    bufferedRows++;
    bufferedBytes += bytes;
  }

  // ---- scheduling (under the lock) ---------------------------------------------------------

  private boolean isReady(RunBuffer rb) {
    return rb.rows() > 0 && (flushing > 0 || rb.forced || canFillRequest(rb));
  }

  /** Whether the run's buffer holds at least one full request. */
  private boolean canFillRequest(RunBuffer rb) {
    int p = Math.min(rb.params.size(), limits.maxParams());
    int t = Math.min(rb.tags.size(), limits.maxTags());
    int room = Math.max(0, Math.min(limits.maxMetrics(), limits.maxEntities() - p - t));
    int m = Math.min(rb.metrics.size(), room);
    return p + t + m >= limits.maxEntities()
        || rb.bytes + JsonSize.envelope(rb.runId) >= limits.maxRequestBytes();
  }

  private void schedule(RunBuffer rb) {
    rb.queued = true;
    ready.addLast(rb);
  }

  private void dispatch() {
    while (failure == null && active < maxInFlight && !ready.isEmpty()) {
      RunBuffer rb = ready.pollFirst();
      rb.queued = false;
      if (rb.inFlight || !isReady(rb)) {
        continue;
      }
      rb.inFlight = true;
      active++;
      executor.execute(() -> work(rb));
    }
  }

  private boolean overBudget() {
    return bufferedRows > maxBufferedRows || bufferedBytes > maxBufferedBytes;
  }

  private void awaitBufferSpace() {
    while (failure == null && overBudget()) {
      relievePressure();
      dispatch();
      awaitChange();
    }
    if (failure != null) {
      throw failure.withResult(counters.snapshot());
    }
  }

  /** Sends the largest idle runs early, partly filled, when the buffer is over budget. */
  private void relievePressure() {
    int slots = maxInFlight - active - ready.size();
    if (slots <= 0) {
      return;
    }
    List<RunBuffer> idle = new ArrayList<>();
    for (RunBuffer rb : runs.values()) {
      if (!rb.inFlight && !rb.queued && rb.rows() > 0) {
        idle.add(rb);
      }
    }
    idle.sort(Comparator.comparingInt(RunBuffer::rows).reversed());
    for (int i = 0; i < Math.min(slots, idle.size()); i++) {
      RunBuffer rb = idle.get(i);
      rb.forced = true;
      schedule(rb);
    }
  }

  private void awaitChange() {
    try {
      changed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MlflowTablesException("Interrupted while waiting for log-batch requests");
    }
  }

  // ---- sending (worker threads) ------------------------------------------------------------

  private void work(RunBuffer rb) {
    Throwable error = null;
    try {
      step(rb);
    } catch (Throwable t) {
      error = t;
    }
    lock.lock();
    try {
      rb.inFlight = false;
      active--;
      if (error != null) {
        fail(error, rb.runId);
      }
      if (rb.rows() == 0) {
        rb.forced = false;
      }
      if (failure == null && !rb.queued && isReady(rb)) {
        schedule(rb);
      }
      dispatch();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reads what de-duplication needs, then packs and sends one request of the run. */
  private void step(RunBuffer rb) {
    String runId = rb.runId;
    RunSnapshot snapshot = null;
    if (deduplicate) {
      snapshot = readRun(runId);
      Map<String, List<String>> histories;
      List<String> models;
      lock.lock();
      try {
        if (failure != null) {
          return;
        }
        histories = planHistories(rb, snapshot);
        models = new ArrayList<>();
        for (String modelId : rb.pendingModels.keySet()) {
          if (server.modelIfLoaded(modelId) == null) {
            models.add(modelId);
          }
        }
      } finally {
        lock.unlock();
      }
      for (Map.Entry<String, List<String>> e : histories.entrySet()) {
        readHistories(runId, e.getKey(), e.getValue());
      }
      for (String modelId : models) {
        readModel(runId, modelId);
      }
    }

    Packed packed;
    lock.lock();
    try {
      if (failure != null) {
        return;
      }
      Decider decider = Decider.SEND_ALL;
      if (deduplicate) {
        checkConflicts(rb, snapshot);
        decider = new DedupDecider(runId, snapshot);
      }
      packed = RequestPacker.pack(runId, rb.params, rb.tags, rb.metrics, limits, decider);
      taken(rb, packed);
    } finally {
      lock.unlock();
    }

    LogBatchRequest request = packed.request();
    if (request.size() == 0) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      backend.logBatch(request);
    } catch (RuntimeException e) {
      counters.discarded(runId, request.size());
      if (e instanceof MlflowApiException api) {
        throw mapLogBatchError(runId, request, api);
      }
      throw e;
    }
    counters.written(runId, request.metrics().size(), request.params().size(),
        request.tags().size());
    if (LOG.isDebugEnabled()) {
      LOG.debug("log-batch run {}: {} metrics, {} params, {} tags, ~{} bytes in {} ms", runId,
          request.metrics().size(), request.params().size(), request.tags().size(),
          packed.estimatedBytes(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Books rows taken off a run's buffer (under the lock). */
  private void taken(RunBuffer rb, Packed packed) {
    bufferedRows -= packed.rowsTaken();
    bufferedBytes -= packed.bytesTaken();
    rb.bytes -= packed.bytesTaken();
    for (MetricRow m : packed.metricsTaken()) {
      rb.pendingKeys.computeIfPresent(m.key(), (k, n) -> n == 1 ? null : n - 1);
      if (m.modelId() != null) {
        rb.pendingModels.computeIfPresent(m.modelId(), (k, n) -> n == 1 ? null : n - 1);
      }
    }
    counters.pointsSkipped(rb.runId, packed.metricsSkipped());
    counters.paramsSkipped(rb.runId, packed.paramsSkipped());
    changed.signalAll();
  }

  /**
   * The histories to read before packing: each buffered key the run already has on the server
   * and not read yet, with other runs buffering the same key to read it with (one bulk call).
   */
  private Map<String, List<String>> planHistories(RunBuffer rb, RunSnapshot snapshot) {
    Map<String, List<String>> plan = new LinkedHashMap<>();
    for (String key : rb.pendingKeys.keySet()) {
      if (!snapshot.metricKeys().contains(key)
          || server.historyIfLoaded(rb.runId, key) != null) {
        continue;
      }
      List<String> group = new ArrayList<>();
      group.add(rb.runId);
      if (!server.historyRequested(rb.runId, key)) {
        for (RunBuffer other : runs.values()) {
          if (group.size() >= MlflowClient.MAX_HISTORY_BULK_RUNS) {
            break;
          }
          if (other == rb || !other.pendingKeys.containsKey(key)) {
            continue;
          }
          // Runs not read yet are asked too: a re-run usually finds the key in all of them,
          // and a run without it costs nothing in the bulk answer.
          RunSnapshot os = server.runIfLoaded(other.runId);
          if ((os == null || os.metricKeys().contains(key))
              && !server.historyRequested(other.runId, key)) {
            group.add(other.runId);
          }
        }
      }
      plan.put(key, group);
    }
    return plan;
  }

  /** Fails before sending when a buffered param or model point contradicts the server. */
  private void checkConflicts(RunBuffer rb, RunSnapshot snapshot) {
    for (Buffered<ParamRow> b : rb.params) {
      ParamRow p = b.row();
      String existing = snapshot.params().get(p.key());
      if (existing != null && !existing.equals(p.value())) {
        throw ParamConflictException.of(rb.runId, p.key(), existing, p.value(), true,
            counters.snapshot(), null);
      }
    }
    if (rb.pendingModels.isEmpty()) {
      return;
    }
    for (Buffered<MetricRow> b : rb.metrics) {
      MetricRow m = b.row();
      if (m.modelId() == null) {
        continue;
      }
      Map<ModelPointKey, ModelPayload> model = server.modelIfLoaded(m.modelId());
      ModelPayload existing = model == null ? null : model.get(ModelPointKey.of(m));
      if (existing != null && !existing.equals(ModelPayload.of(m))) {
        throw modelConflict(m, existing);
      }
    }
  }

  private WriteException modelConflict(MetricRow m, ModelPayload existing) {
    return new WriteException("Metric " + Messages.quote(m.key()) + " of run " + m.runId()
        + ": logged model " + m.modelId() + " already has a point at timestamp " + m.timestamp()
        + ", step " + m.stepOrZero() + " with " + existing.describe() + ", and the row has "
        + ModelPayload.of(m).describe() + ". MLflow keys a logged model's metric points by model,"
        + " key, timestamp, step and run, so it would refuse this one (after storing its"
        + " run-level part).", m.runId(), counters.snapshot(), null);
  }

  /** Skips what the server already has (under the lock, with the reads done). */
  private final class DedupDecider implements Decider {
    private final String runId;
    private final RunSnapshot snapshot;

    DedupDecider(String runId, RunSnapshot snapshot) {
      this.runId = runId;
      this.snapshot = snapshot;
    }

    @Override
    public Decision metric(MetricRow m) {
      boolean onServer = false;
      if (snapshot.metricKeys().contains(m.key())) {
        Set<RunPoint> history = server.historyIfLoaded(runId, m.key());
        if (history == null) {
          return Decision.WAIT; // a key added since the reads were planned
        }
        onServer = history.contains(RunPoint.of(m));
      }
      if (m.modelId() == null) {
        return onServer ? Decision.SKIP : Decision.SEND;
      }
      Map<ModelPointKey, ModelPayload> model = server.modelIfLoaded(m.modelId());
      if (model == null) {
        return Decision.WAIT;
      }
      ModelPayload existing = model.get(ModelPointKey.of(m));
      if (existing == null) {
        return Decision.SEND;
      }
      if (!existing.equals(ModelPayload.of(m))) {
        throw modelConflict(m, existing);
      }
      return onServer ? Decision.SKIP : Decision.SEND;
    }

    @Override
    public Decision param(ParamRow p) {
      String existing = snapshot.params().get(p.key());
      if (existing == null) {
        return Decision.SEND;
      }
      if (existing.equals(p.value())) {
        return Decision.SKIP;
      }
      throw ParamConflictException.of(runId, p.key(), existing, p.value(), true,
          counters.snapshot(), null);
    }
  }

  // ---- reads and errors ----------------------------------------------------------------------

  private RunSnapshot readRun(String runId) {
    RunSnapshot snapshot;
    try {
      snapshot = server.run(runId);
    } catch (MlflowApiException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
        throw new UnknownRunException(runId, counters.snapshot(), e);
      }
      throw new WriteException("Reading run " + runId + " (to skip what it already holds) failed: "
          + e.getMessage(), runId, counters.snapshot(), e);
    }
    if (!snapshot.isActive()) {
      throw new WriteException("Run " + runId + " is " + snapshot.lifecycleStage()
          + ": MLflow only logs to active runs; restore it first.", runId, counters.snapshot(),
          null);
    }
    return snapshot;
  }

  private void readHistories(String runId, String key, List<String> runIds) {
    try {
      server.loadHistories(key, runIds);
    } catch (MlflowApiException e) {
      throw new WriteException("Reading the history of metric " + Messages.quote(key)
          + " of run " + runId + " (to skip points already logged) failed: " + e.getMessage(),
          runId, counters.snapshot(), e);
    }
  }

  private void readModel(String runId, String modelId) {
    try {
      server.model(modelId);
    } catch (MlflowApiException e) {
      if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode()) || e.httpStatus() == 404) {
        throw new WriteException("Logged model " + modelId + " (the model_id of metric rows of"
            + " run " + runId + ") does not exist on the server: MLflow would refuse its points"
            + " (FOREIGN KEY) after storing their run-level part. Create the model first"
            + " (logged-models) or leave model_id out.", runId, counters.snapshot(), e);
      }
      throw new WriteException("Reading logged model " + modelId + " (to skip points already"
          + " logged) failed: " + e.getMessage(), runId, counters.snapshot(), e);
    }
  }

  /** {@code {'key': 'p', 'old_value': '1', 'new_value': '2'}} in MLflow's message (Python repr). */
  private static final String PY_STR = "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")";
  private static final Pattern SERVER_PARAM_CONFLICT = Pattern.compile(
      "\\{'key': " + PY_STR + ", 'old_value': " + PY_STR + ", 'new_value': " + PY_STR + "\\}");

  WriteException mapLogBatchError(String runId, LogBatchRequest request, MlflowApiException e) {
    WriteResult now = counters.snapshot();
    String message = e.serverMessage() == null ? "" : e.serverMessage();
    if ("RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
      return new UnknownRunException(runId, now, e);
    }
    if (message.contains("Changing param values is not allowed")) {
      Matcher m = SERVER_PARAM_CONFLICT.matcher(message);
      if (m.find()) {
        return ParamConflictException.of(runId, unrepr(m.group(1)), unrepr(m.group(2)),
            unrepr(m.group(3)), true, now, e);
      }
      return new ParamConflictException("A param of run " + runId + " is already logged with"
          + " another value; MLflow never changes a param's value: " + message, runId, null, null,
          null, now, e);
    }
    if (message.contains("must be in the 'active' state")) {
      return new WriteException("Run " + runId + " is not active (deleted?): MLflow only logs"
          + " to active runs; restore it first.", runId, now, e);
    }
    boolean lineage = request.metrics().stream().anyMatch(x -> x.modelId() != null);
    String hint = "";
    if (lineage && message.contains("FOREIGN KEY")) {
      hint = " A model_id of the request probably does not exist (create the logged model"
          + " first). MLflow stores the run-level points of a request before its model points,"
          + " so those may be stored.";
    } else if (lineage && message.contains("logged_model_metrics")) {
      hint = " MLflow keys a logged model's metric points by model, key, timestamp, step and"
          + " run, and refuses a second one with another value or dataset. MLflow stores the"
          + " run-level points of a request before its model points, so those may be stored.";
    }
    return new WriteException("log-batch for run " + runId + " (" + request.metrics().size()
        + " metrics, " + request.params().size() + " params, " + request.tags().size()
        + " tags) failed: " + e.getMessage() + "." + hint, runId, now, e);
  }

  /** Undoes Python's repr of a str, for the escapes it produces. */
  static String unrepr(String quoted) {
    String s = quoted.substring(1, quoted.length() - 1);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'x' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          b.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }

  /** Records the first failure and drops what is buffered (under the lock). */
  private void fail(Throwable t, String runId) {
    WriteException e;
    if (t instanceof WriteException we) {
      e = we;
    } else if (t instanceof MlflowApiException api) {
      e = new WriteException("Writing run " + runId + " failed: " + api.getMessage(), runId,
          null, api);
    } else {
      e = new WriteException("Writing run " + runId + " failed: " + t, runId, null, t);
    }
    if (failure != null) {
      LOG.debug("further failure after the first one", t);
      return;
    }
    discardBuffered();
    failure = e.withResult(counters.snapshot());
    LOG.warn("log-batch writer stopped: {}", failure.getMessage());
    changed.signalAll();
  }

  private void discardBuffered() {
    for (RunBuffer rb : runs.values()) {
      int n = rb.rows();
      if (n > 0) {
        counters.discarded(rb.runId, n);
      }
      rb.metrics.clear();
      rb.params.clear();
      rb.tags.clear();
      rb.pendingKeys.clear();
      rb.pendingModels.clear();
      rb.bytes = 0;
      rb.queued = false;
      rb.forced = false;
    }
    ready.clear();
    bufferedRows = 0;
    bufferedBytes = 0;
    changed.signalAll();
  }

  private void ensureUsable() {
    if (failure != null) {
      throw failure.withResult(counters.snapshot());
    }
    if (closed) {
      throw new IllegalStateException("The log-batch writer is closed");
    }
  }

  // ---- flushing and closing ----------------------------------------------------------------

  /**
   * Sends everything buffered and waits until it is acknowledged.
   *
   * @return what the writer has written so far
   * @throws WriteException when a request failed (now or before)
   */
  public WriteResult flush() {
    lock.lock();
    try {
      ensureUsable();
      flushing++;
      try {
        for (RunBuffer rb : runs.values()) {
          if (!rb.inFlight && !rb.queued && isReady(rb)) {
            schedule(rb);
          }
        }
        dispatch();
        while (failure == null && (bufferedRows > 0 || active > 0)) {
          awaitChange();
          dispatch();
        }
      } finally {
        flushing--;
      }
      if (failure != null) {
        throw failure.withResult(counters.snapshot());
      }
      return counters.snapshot();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Flushes and releases the threads. A second call does nothing.
   *
   * @throws WriteException when a request failed (now or before); the writer is closed anyway
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      try {
        flush();
      } finally {
        closed = true;
        discardBuffered(); // only after a failure is there anything left
        while (active > 0) {
          changed.awaitUninterruptibly();
        }
        executor.shutdown();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops what is buffered, waits for the requests in flight and closes the writer. For a Spark
   * task that aborts: the result says what reached the server (MLflow cannot take it back).
   */
  public WriteResult abort() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        discardBuffered();
      }
      while (active > 0) {
        changed.awaitUninterruptibly();
      }
      executor.shutdown();
      return counters.snapshot();
    } finally {
      lock.unlock();
    }
  }

  /** What the writer has written so far. */
  public WriteResult result() {
    return counters.snapshot();
  }

  /** Rows waiting to be sent (for tests). */
  long bufferedRows() {
    lock.lock();
    try {
      return bufferedRows;
    } finally {
      lock.unlock();
    }
  }

  /** Live counts, for progress reporting. */
  public WriteCounters counters() {
    return counters;
  }

  /** Metric points read from the server for de-duplication so far. */
  public long pointsRead() {
    return server.pointsRead();
  }

  /** Whether points already on the server are skipped. */
  public boolean deduplicates() {
    return deduplicate;
  }

  @Override
  public String toString() {
    return "LogBatchWriter{" + backend + ", maxInFlight=" + maxInFlight + ", deduplicate="
        + deduplicate + ", " + counters.snapshot().summary() + "}";
  }
}
