package org.mlflowtables.core.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.mlflowtables.core.testing.MlflowServer;

/**
 * A real server restart in the middle of a job: {@link MlflowServer#kill()} (the whole process
 * group, SIGKILL), a pause, {@link MlflowServer#startAgain()} on the same port and store. The
 * restart runs on a thread of its own, so that the job under test meets the dead server.
 */
public final class Restarter {
  /** How long the server stays down before it is started again (its start-up comes on top). */
  public static final Duration PAUSE = Duration.ofSeconds(6);

  private final MlflowServer server;
  private final Thread thread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean abandoned;
  private volatile long killedAt;
  private volatile long upAt;

  private Restarter(MlflowServer server, BooleanSupplier condition, boolean killNow) {
    this.server = server;
    if (killNow) {
      kill();
    }
    this.thread = new Thread(() -> {
      try {
        if (!killNow) {
          while (!condition.getAsBoolean()) {
            if (abandoned) {
              return;
            }
            Thread.sleep(10);
          }
          kill();
        }
        Thread.sleep(PAUSE.toMillis());
        server.startAgain();
        upAt = System.nanoTime();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "mlflow-restart-" + server.port());
    thread.setDaemon(true);
    thread.start();
  }

  /** Kills the server when {@code condition} is true (polled every 10 ms), then restarts it. */
  public static Restarter when(MlflowServer server, BooleanSupplier condition) {
    return new Restarter(server, condition, false);
  }

  /** Kills the server now, on the calling thread, and restarts it after the pause. */
  public static Restarter now(MlflowServer server) {
    return new Restarter(server, () -> true, true);
  }

  private void kill() {
    server.kill();
    killedAt = System.nanoTime();
  }

  /**
   * Waits until the server answers again (or, when the condition never came true, gives up
   * waiting for it) and rethrows what went wrong in the restart.
   */
  public void join() throws InterruptedException {
    abandoned = true;
    thread.join(Duration.ofMinutes(3).toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException("the server did not come back within 3 minutes");
    }
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("restarting " + server + " failed", t);
    }
  }

  /** When the server was killed ({@link System#nanoTime()}), or 0 when it was not. */
  public long killedAt() {
    return killedAt;
  }

  /** From the kill until the server answered again, in milliseconds (after {@link #join()}). */
  public long downMillis() {
    return killedAt == 0 || upAt == 0 ? 0 : (upAt - killedAt) / 1_000_000;
  }
}
