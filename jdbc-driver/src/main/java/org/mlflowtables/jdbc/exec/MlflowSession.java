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
  private final MlflowClient client;

  public MlflowSession(MlflowConfig config) {
    this.config = config;
    this.client = MlflowClient.create(config);
  }

  public MlflowConfig config() {
    return config;
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
