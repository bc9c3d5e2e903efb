package org.mlflowtables.core.scan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.Map;
import org.mlflowtables.core.client.MlflowClient;
import org.mlflowtables.core.config.MlflowConfig;

/** A WireMock stand-in for a server, for the few scan tests that need answers a server rarely gives. */
final class Stub {
  private Stub() {}

  /** A started WireMock server on a free port (the caller stops it). */
  static WireMockServer started() {
    WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());
    wm.start();
    return wm;
  }

  /** A client of that server with the default settings. */
  static MlflowClient client(WireMockServer wm) {
    return MlflowClient.create(
        MlflowConfig.from(Map.of("uri", "http://127.0.0.1:" + wm.port()), Map.of()));
  }

  /** An answer with a JSON body. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body);
  }
}
