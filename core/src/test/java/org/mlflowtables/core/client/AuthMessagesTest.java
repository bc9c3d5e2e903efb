package org.mlflowtables.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a 401 or 403 says: the cause, the user, the resource the request names, the permission. */
class AuthMessagesTest {
  private static final AuthMessages BOB = AuthMessages.of("bob", false, null);

  private static JsonNode json(String text) throws Exception {
    return MlflowClient.MAPPER.readTree(text);
  }

  @Test
  void aDeniedWriteNamesTheUserTheRunAndThePermission() throws Exception {
    assertEquals("permission denied for user 'bob' on run r1: runs/log-batch needs EDIT"
        + " permission (the server said: Permission denied)",
        BOB.describe(403, "POST", "/api/2.0/mlflow/runs/log-batch", null,
            json("{\"run_id\": \"r1\", \"metrics\": []}"), "Permission denied"));
  }

  @Test
  void aDeniedReadNamesTheExperiment() {
    assertEquals("permission denied for user 'bob' on experiment 12: experiments/get needs READ"
        + " permission", BOB.describe(403, "GET", "/api/2.0/mlflow/experiments/get",
            Map.of("experiment_id", List.of("12")), null, ""));
  }

  @Test
  void registryNamesAreQuoted() throws Exception {
    assertEquals("permission denied for this token on registered model 'churn': "
        + "registered-models/get needs READ permission",
        AuthMessages.of(null, true, null).describe(403, "GET",
            "/api/2.0/mlflow/registered-models/get", Map.of("name", List.of("churn")), null,
            null));
  }

  @Test
  void missingCredentialsSayHowToGiveThem() {
    String m = AuthMessages.of(null, false, null).describe(401, "POST",
        "/api/2.0/mlflow/runs/search", null, null, "You are not authenticated.");
    assertEquals("not authenticated: the server needs credentials and none were given (set 'user'"
        + " and 'password' or 'token'; MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD or"
        + " MLFLOW_TRACKING_TOKEN) (the server said: You are not authenticated.)", m);
  }

  @Test
  void refusedCredentialsNameWhoseAndWhatMayBeWrong() {
    assertEquals("not authenticated: the server refused the credentials of user 'bob': the user"
        + " name or password is wrong", BOB.describe(401, "GET", "/x", null, null, ""));
    assertEquals("not authenticated: the server refused the credentials of OAuth client 'sp-1':"
        + " the OAuth client id or secret is wrong, or the client was removed",
        AuthMessages.of(null, false, "sp-1").describe(401, "GET", "/x", null, null, ""));
  }
}
