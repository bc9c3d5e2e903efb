package org.mlflowtables.core.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real MLflow server per test JVM, started the first time a test asks for it.
 *
 * <p>Use {@code @ExtendWith(MlflowServerExtension.class)} and declare a parameter of type {@link
 * MlflowServer}, {@link Fixture} or {@link Oracle} (the fixture's oracle) on a test method,
 * constructor or {@code @BeforeAll} method; or call {@link #server()} from anywhere. The server is
 * stopped when the JUnit run ends (a value in the root context's store, which JUnit closes) and,
 * failing that, by a JVM shutdown hook.
 */
public final class MlflowServerExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MlflowServerExtension.class);

  private static final Object LOCK = new Object();
  private static MlflowServer shared;

  /**
   * The JVM's shared server, started on the first call (which takes some seconds). If it has
   * been stopped (the JUnit run that owned it ended), a new one is started.
   */
  public static MlflowServer server() {
    synchronized (LOCK) {
      if (shared == null || !shared.isRunning()) {
        shared = MlflowServer.start();
      }
      return shared;
    }
  }

  /** The shared server's fixture, seeded on first use. */
  public static Fixture fixture() {
    return server().fixture();
  }

  private static void stopShared() {
    synchronized (LOCK) {
      if (shared != null) {
        shared.stop();
        shared = null;
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    registerStopper(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == MlflowServer.class || type == Fixture.class || type == Oracle.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    registerStopper(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == MlflowServer.class) {
      return server();
    }
    if (type == Fixture.class) {
      return fixture();
    }
    return fixture().oracle();
  }

  /**
   * Puts a value in the root store that stops the shared server when JUnit closes the store at
   * the end of the run. It does not start the server: tests that never ask for one cost nothing.
   */
  private static void registerStopper(ExtensionContext context) {
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedServerStopper.class, k -> new SharedServerStopper(), SharedServerStopper.class);
  }

  /**
   * Closed by JUnit with the root store. JUnit 5.13 deprecated {@code
   * ExtensionContext.Store.CloseableResource} in favour of {@link AutoCloseable}, which the store
   * closes the same way.
   */
  static final class SharedServerStopper implements AutoCloseable {
    @Override
    public void close() {
      stopShared();
    }
  }
}
