package org.mlflowtables.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a benchmark case cost outside the client's own counters: requests in the server's access
 * log (one line per request), the server's CPU (its process group, from /proc), this JVM's CPU and
 * the machine's load.
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
    return new Snap(System.nanoTime(), requests(), serverCpuSeconds(), processCpuSeconds());
  }

  record Snap(long nanos, long requests, double serverCpu, double clientCpu) {
    Delta to(Snap later) {
      return new Delta((later.nanos - nanos) / 1e9, later.requests - requests,
          later.serverCpu - serverCpu, later.clientCpu - clientCpu);
    }
  }

  record Delta(double wall, long requests, double serverCpu, double clientCpu) {}

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

  /** User + system CPU of every process in the server's process group. */
  double serverCpuSeconds() {
    if (pgid < 0) {
      return 0;
    }
    long ticks = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          // f[0]=state, f[1]=ppid, f[2]=pgrp, ..., f[11]=utime, f[12]=stime
          if (Long.parseLong(f[2]) == pgid) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException | RuntimeException ignored) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks / CLK_TCK;
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
