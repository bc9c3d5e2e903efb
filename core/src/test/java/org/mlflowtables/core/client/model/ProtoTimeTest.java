package org.mlflowtables.core.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.exceptions.MlflowTablesException;

class ProtoTimeTest {
  @ParameterizedTest
  @CsvSource({
      "2026-12-06T05:21:16.511Z, 1796534476511",
      "2023-11-14T22:13:20Z, 1700000000000",
      "2023-11-14T22:13:20.000999Z, 1700000000000",
      "2023-11-14T23:13:20+01:00, 1700000000000"})
  void timestampsAreEpochMilliseconds(String text, long millis) {
    assertEquals(millis, ProtoTime.millis(text));
  }

  @ParameterizedTest
  @CsvSource({"0.121s, 121", "3s, 3000", "0s, 0", "1.0009s, 1000", "86400.5s, 86400500"})
  void durationsAreMilliseconds(String text, long millis) {
    assertEquals(millis, ProtoTime.durationMillis(text));
  }

  @Test
  void absentTimesAreNull() {
    assertNull(ProtoTime.millis(null));
    assertNull(ProtoTime.durationMillis(null));
  }

  @Test
  void malformedTimesSayWhatWasSent() {
    assertEquals(true, assertThrows(MlflowTablesException.class,
        () -> ProtoTime.durationMillis("121ms")).getMessage().contains("121ms"));
    assertEquals(true, assertThrows(MlflowTablesException.class,
        () -> ProtoTime.millis("yesterday")).getMessage().contains("yesterday"));
  }
}
