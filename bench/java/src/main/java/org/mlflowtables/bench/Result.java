package org.mlflowtables.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured case: printed as a line and appended as JSON to the results file
 * ({@code -Dbench.out=...}), from which bench/report.py builds the tables.
 */
final class Result {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Object> fields = new LinkedHashMap<>();

  Result(String bench, String client) {
    fields.put("bench", bench);
    fields.put("client", client);
  }

  Result put(String k, Object v) {
    fields.put(k, v);
    return this;
  }

  Result probe(Probe.Delta d) {
    fields.put("wall_s", round(d.wall()));
    fields.put("server_requests", d.requests());
    fields.put("server_cpu_s", round(d.serverCpu()));
    fields.put("server_top_process_cpu_s", round(d.serverTopCpu()));
    fields.put("client_cpu_s", round(d.clientCpu()));
    return this;
  }

  static double round(double d) {
    return Math.round(d * 1000) / 1000.0;
  }

  void emit() {
    fields.put("load", Probe.load());
    try {
      String line = JSON.writeValueAsString(fields);
      System.out.println(line);
      String out = System.getProperty("bench.out");
      if (out != null) {
        Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }
}
