package org.mlflowtables.jdbc.exec;

import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/**
 * What the tables of one JDBC connection share: the settings and a client. Clients of equal
 * settings share core's connection pool across connections; nothing here is per statement, so
 * statements of one connection may run on several threads.
 */
public final class MlflowSession {
  private final MlflowConfig config;
  private final int scanStreams;
  private final MlflowClient client;

  /**
   * @param scanStreams search streams one query reads a table with at once, 1 or more
   */
  public MlflowSession(MlflowConfig config, int scanStreams) {
    if (scanStreams < 1) {
      throw new IllegalArgumentException("scanStreams must be at least 1: " + scanStreams);
    }
    this.config = config;
    this.scanStreams = scanStreams;
    this.client = MlflowClient.create(config);
  }

  public MlflowConfig config() {
    return config;
  }

  /** Search streams one query reads a table with at once (the parts of a scan). */
  public int scanStreams() {
    return scanStreams;
  }

  public MlflowClient client() {
    return client;
  }

  /** The tracking URI without user info, for messages. */
  public String where() {
    return config.redactedUri();
  }

  @Override
  public String toString() {
    return "MlflowSession{" + config.redactedUri() + "}";
  }
}
