package org.mlflowtables.core.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Helpers for the secrets tests: fresh secret values, capture of everything a JVM prints (slf4j-simple
 * logs to {@code System.err}, at DEBUG for {@code org.mlflowtables} in tests), a child JVM with an
 * environment of its own, and a search for secrets in text and in the files of a directory.
 */
public final class Secrets {
  private Secrets() {}

  /** A fresh secret that cannot occur by chance. */
  public static String fresh(String kind) {
    return kind + "-" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Every form a secret could take in output: itself and, with a user, its Basic encoding. */
  public static List<String> forms(String user, String... secrets) {
    List<String> forms = new ArrayList<>();
    for (String s : secrets) {
      forms.add(s);
      if (user != null) {
        forms.add(Base64.getEncoder().encodeToString((user + ":" + s)
            .getBytes(StandardCharsets.UTF_8)));
      }
    }
    return forms;
  }

  /** The first secret form {@code text} contains, with some context, or null. */
  public static String leak(String text, List<String> forms) {
    for (String f : forms) {
      int i = text.indexOf(f);
      if (i >= 0) {
        int from = Math.max(0, i - 200);
        int to = Math.min(text.length(), i + f.length() + 50);
        return "'" + f + "' in: ..." + text.substring(from, to) + "...";
      }
    }
    return null;
  }

  /** The first file under {@code dir} that contains a secret form, or null. */
  public static String leakInFiles(Path dir, List<String> forms) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        String leak = leak(text, forms);
        if (leak != null) {
          return p + ": " + leak;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Captures what the JVM prints to System.out and System.err (also passing it through). */
  public static final class Capture implements AutoCloseable {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public Capture() {
      System.setOut(new PrintStream(new Tee(out, buffer), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new Tee(err, buffer), true, StandardCharsets.UTF_8));
    }

    /** Adds text to the capture (exception messages, toString, EXPLAIN...). */
    public synchronized void add(String what, Object text) {
      byte[] b = ("[" + what + "] " + text + "\n").getBytes(StandardCharsets.UTF_8);
      buffer.write(b, 0, b.length);
    }

    /** Adds a throwable: its messages, causes, suppressed, and stack trace as printed. */
    public void add(String what, Throwable t) {
      ByteArrayOutputStream trace = new ByteArrayOutputStream();
      t.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
      add(what, trace.toString(StandardCharsets.UTF_8));
    }

    public synchronized String text() {
      return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.out.flush();
      System.err.flush();
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final ByteArrayOutputStream b;

    Tee(OutputStream a, ByteArrayOutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      synchronized (b) {
        b.write(c);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      synchronized (b) {
        b.write(buf, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      a.flush();
    }
  }

  /**
   * Runs {@code mainClass} in a child JVM on this JVM's class path and JVM options, with the
   * given environment variables added (and every MLFLOW_ and DATABRICKS_ variable of this JVM
   * removed); returns its stdout and stderr together.
   */
  public static String runChildJvm(Class<?> mainClass, Map<String, String> env, long timeoutSeconds,
      String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens") || a.startsWith("-Xmx") || a.startsWith("-Djdk.")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    String projectRoot = System.getProperty("mlflowtables.projectRoot");
    if (projectRoot != null) {
      cmd.add("-Dmlflowtables.projectRoot=" + projectRoot);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("DATABRICKS_"));
    pb.environment().putAll(env);
    try {
      Path log = Files.createTempFile("child-jvm-", ".log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("the child JVM timed out; output in " + log);
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("the child JVM exited with " + p.exitValue() + ":\n"
            + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
