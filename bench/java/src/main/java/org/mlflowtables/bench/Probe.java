package org.mlflowtables.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark case cost outside the client's own counters: requests in the server's access
 * log (one line per request), the server's CPU (its process group, from /proc) and the share of it
 * spent by its busiest process, this JVM's CPU and the machine's load. The busiest process's share
 * tells a read that one uvicorn worker served alone (one core: its share near 1) from one that the
 * workers shared.
 */
final class Probe {
  private static final double CLK_TCK = 100.0; // USER_HZ on Linux

  private final Path log;
  private final long pgid;

  /** A probe of the server started by bench/server.sh in {@code dir} (null: no server probe). */
  Probe(Path dir) throws IOException {
    if (dir == null) {
      log = null;
      pgid = -1;
    } else {
      log = dir.resolve("server.log");
      pgid = Long.parseLong(Files.readString(dir.resolve("server.pid")).trim());
    }
  }

  /** A snapshot of every counter. */
  Snap snap() {
    Map<Long, Long> ticks = serverTicks();
    return new Snap(System.nanoTime(), requests(), ticks, processCpuSeconds());
  }

  /** Counters at one moment; {@code serverTicks} by process id (null: no server probe). */
  record Snap(long nanos, long requests, Map<Long, Long> serverTicks, double clientCpu) {
    Delta to(Snap later) {
      double total = 0;
      double top = 0;
      if (serverTicks != null && later.serverTicks != null) {
        for (var e : later.serverTicks.entrySet()) {
          double s = (e.getValue() - serverTicks.getOrDefault(e.getKey(), 0L)) / CLK_TCK;
          total += s;
          top = Math.max(top, s);
        }
      }
      return new Delta((later.nanos - nanos) / 1e9, later.requests - requests, total, top,
          later.clientCpu - clientCpu);
    }
  }

  /**
   * What a case cost: {@code serverCpu} over the server's processes, {@code serverTopCpu} the
   * busiest process's part of it.
   */
  record Delta(double wall, long requests, double serverCpu, double serverTopCpu,
      double clientCpu) {}

  /** Lines of the access log that are requests. */
  long requests() {
    if (log == null) {
      return -1;
    }
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("\" 200") || l.contains("HTTP/1.1\" ")).count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** User + system CPU ticks of each process in the server's process group (null: no server). */
  Map<Long, Long> serverTicks() {
    if (pgid < 0) {
      return null;
    }
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // f[0]=state, f[1]=ppid, f[2]=pgrp, ..., f[11]=utime, f[12]=stime
          if (Long.parseLong(f[2]) == pgid) {
            ticks.put(Long.parseLong(p.getFileName().toString()),
                Long.parseLong(f[11]) + Long.parseLong(f[12]));
          }
        } catch (IOException | RuntimeException ignored) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return null;
    }
    return ticks;
  }

  /** This JVM's CPU (all threads, JIT and GC included). */
  static double processCpuSeconds() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1e9;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String fmt(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
