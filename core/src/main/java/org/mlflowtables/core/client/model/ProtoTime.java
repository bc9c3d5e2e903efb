package org.mlflowtables.core.client.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.mlflowtables.core.exceptions.MlflowTablesException;

/**
 * Protobuf's JSON forms of times, as MLflow 3's trace endpoints send them: a Timestamp as RFC 3339
 * text ({@code "2026-12-06T05:21:16.511Z"}), a Duration as seconds with a fraction and an
 * {@code s} ({@code "0.121s"}).
 */
public final class ProtoTime {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private ProtoTime() {}

  /** A Timestamp as epoch milliseconds (sub-millisecond digits dropped), null for null. */
  public static Long millis(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new MlflowTablesException("MLflow sent a time that is no RFC 3339 timestamp: "
          + timestamp, e);
    }
  }

  /**
   * A Duration in milliseconds, cut toward zero as protobuf's {@code ToMilliseconds} does (MLflow
   * stores milliseconds, so nothing is cut in practice); null for null.
   */
  public static Long durationMillis(String duration) {
    if (duration == null) {
      return null;
    }
    if (!duration.endsWith("s")) {
      throw new MlflowTablesException("MLflow sent a duration without its unit: " + duration);
    }
    try {
      return new BigDecimal(duration.substring(0, duration.length() - 1)).multiply(THOUSAND)
          .setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new MlflowTablesException("MLflow sent a duration that is no number: " + duration, e);
    }
  }
}
