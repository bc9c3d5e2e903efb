package org.mlflowtables.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.mlflowtables.core.scan.ScanRequest;

/**
 * Heap used by core's scan of the runs table: run it in a JVM with a small heap (-Xmx256m) and
 * compare result sizes. Reports the most heap in use right after a GC (the live set the scan
 * holds), the peak heap in use (garbage included) and whether the scan ran out of memory.
 */
final class Heap {
  /** Core's default page of search-runs, read from the core jar on the classpath (not inlined). */
  static final Object DEFAULT_PAGE = defaultPage();

  private Heap() {}

  private static Object defaultPage() {
    try {
      return org.mlflowtables.core.client.MlflowClient.class.getField("DEFAULT_RUNS_PAGE").get(null);
    } catch (ReflectiveOperationException e) {
      return org.mlflowtables.core.client.MlflowClient.class.getSimpleName() + ".MAX_RUNS_PAGE";
    }
  }

  static void run(String uri, long expectedRuns, int pageSize, String label) {
    AtomicLong maxAfterGc = new AtomicLong();
    AtomicLong gcs = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
          used += u.getUsed();
        }
        // non-heap pools (metaspace, code cache) are in the map too; subtract them below
        long nonHeap = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
          if (p.getType() == MemoryType.NON_HEAP) {
            MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(p.getName());
            if (u != null) {
              nonHeap += u.getUsed();
            }
          }
        }
        gcs.incrementAndGet();
        maxAfterGc.accumulateAndGet(used - nonHeap, Math::max);
      }, null, null);
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    // The live set: a full GC every second, then the heap in use (what the scan really holds).
    AtomicLong maxLive = new AtomicLong();
    Thread sampler = new Thread(() -> {
      var mem = ManagementFactory.getMemoryMXBean();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
        System.gc();
        maxLive.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
      }
    }, "live-set-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    double cpu0 = Probe.processCpuSeconds();
    String error = null;
    Bench.Read r = null;
    try {
      Map<String, String> extra = pageSize > 0 ? Map.of("pageSize", Integer.toString(pageSize))
          : Map.of();
      r = Bench.coreScan(Bench.config(uri, extra), ScanRequest.all("runs"), java.util.List.of());
    } catch (OutOfMemoryError e) {
      error = "OutOfMemoryError: " + e.getMessage();
    } catch (RuntimeException e) {
      error = e.toString();
      if (e.getCause() instanceof OutOfMemoryError) {
        error = "OutOfMemoryError (" + e + ")";
      }
    }
    sampler.interrupt();
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = Probe.processCpuSeconds() - cpu0;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    new Result("heap", "core").put("label", label).put("expected_runs", expectedRuns)
        .put("page_size", pageSize > 0 ? pageSize : "default (" + DEFAULT_PAGE + ")")
        .put("rows", r == null ? -1 : r.rows()).put("client_requests", r == null ? -1 : r.requests())
        .put("bytes", r == null ? -1 : r.bytes())
        .put("max_live_sampled_mb", Result.round(maxLive.get() / 1048576.0))
        .put("max_heap_after_gc_mb", Result.round(maxAfterGc.get() / 1048576.0))
        .put("peak_heap_used_mb", Result.round(peak / 1048576.0))
        .put("xmx_mb", Runtime.getRuntime().maxMemory() / 1048576).put("gcs", gcs.get())
        .put("error", error).put("wall_s", Result.round(wall)).put("client_cpu_s", Result.round(cpu))
        .emit();
  }
}
