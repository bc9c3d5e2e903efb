package org.mlflowtables.core.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlflowtables.core.catalog.RowMapper;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.client.model.Run;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Client cost alone: a search-runs page recorded from a real MLflow 3.17.2 server (1 000 runs of the
 * benchmark data set, 20 metrics, 20 params, 20 tags each, in the server's own indented JSON) turned
 * into runs-table rows the way core's scan does it: core's own ObjectMapper (MlflowClient.MAPPER)
 * reading the bytes into core's model, then the runs table's row mapping per run. One thread: scores
 * are rows per second per core (each operation is one row; a page is 1 000 operations).
 *
 * <p>The row mapping is the catalogue's own ({@code Tables.RUNS.read().rows()}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class RunsPageBenchmark {
  static final int RUNS_PER_PAGE = 1000;

  /** search-runs' answer, as core reads it (MlflowClient's private RunsPage has these fields). */
  public record RunsPage(List<Run> runs, String nextPageToken) {}

  /** The runs table's mapping of a run to its row (the catalogue binds it to runs). */
  @SuppressWarnings("unchecked")
  private static final RowMapper<Run> RUN_ROW = (RowMapper<Run>) Tables.RUNS.read().rows();

  private ObjectMapper mapper;
  private byte[] page;
  private List<Run> parsed;

  @Setup
  public void setup() throws Exception {
    Field f = MlflowClient.class.getDeclaredField("MAPPER");
    f.setAccessible(true);
    mapper = (ObjectMapper) f.get(null);
    String file = System.getProperty("bench.page", "../data/search-runs-page.json.gz");
    page = Files.readAllBytes(Path.of(file));
    if (file.endsWith(".gz")) {
      try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(page))) {
        page = in.readAllBytes(); // the server's bytes, as they came over the wire
      }
    }
    parsed = read().runs();
    if (parsed.size() != RUNS_PER_PAGE) {
      throw new IllegalStateException(file + " holds " + parsed.size() + " runs, not "
          + RUNS_PER_PAGE + ": record it with bench/record-page.sh");
    }
  }

  private RunsPage read() throws IOException {
    return mapper.readValue(new ByteArrayInputStream(page), RunsPage.class);
  }

  /** Bytes to rows: Jackson into core's model, then the row arrays (maps of metrics, params, tags). */
  @Benchmark
  @OperationsPerInvocation(RUNS_PER_PAGE)
  public void pageToRows(Blackhole bh) throws IOException {
    List<Object[]> rows = new ArrayList<>(1);
    for (Run r : read().runs()) {
      RUN_ROW.addRows(r, rows);
      bh.consume(rows.get(0));
      rows.clear();
    }
  }

  /** Bytes to core's model only (the JSON parse). */
  @Benchmark
  @OperationsPerInvocation(RUNS_PER_PAGE)
  public void parseOnly(Blackhole bh) throws IOException {
    bh.consume(read());
  }

  /** Model to rows only. */
  @Benchmark
  @OperationsPerInvocation(RUNS_PER_PAGE)
  public void rowsOnly(Blackhole bh) {
    List<Object[]> rows = new ArrayList<>(1);
    for (Run r : parsed) {
      RUN_ROW.addRows(r, rows);
      bh.consume(rows.get(0));
      rows.clear();
    }
  }
}
