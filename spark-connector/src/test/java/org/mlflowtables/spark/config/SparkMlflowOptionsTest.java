package org.mlflowtables.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.exceptions.ConfigException;

class SparkMlflowOptionsTest {
  private static final String URI = "http://127.0.0.1:5999";

  @Test
  void pathNamesTheTable() {
    SparkMlflowOptions o = SparkMlflowOptions.from(Map.of("uri", URI, "path", "runs"));
    assertEquals("runs", o.table());
    assertEquals(URI, o.config().uri());
  }

  @Test
  void tableOptionNamesTheTable() {
    assertEquals("metrics", SparkMlflowOptions.from(Map.of("uri", URI, "TABLE", "metrics")).table());
  }

  @Test
  void pathAndTableMustAgree() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SparkMlflowOptions.from(Map.of("uri", URI, "path", "runs", "table", "params")));
    assertTrue(e.getMessage().contains("params") && e.getMessage().contains("runs"),
        e.getMessage());
  }

  @Test
  void unknownOptionIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SparkMlflowOptions.from(Map.of("uri", URI, "pageSise", "10")));
    assertTrue(e.getMessage().contains("pageSise"), e.getMessage());
  }

  @Test
  void maxPartitionsMustBePositive() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SparkMlflowOptions.from(Map.of("uri", URI, "maxPartitions", "0")));
    assertTrue(e.getMessage().contains("maxPartitions"), e.getMessage());
    assertEquals(3, SparkMlflowOptions.from(Map.of("uri", URI, "maxpartitions", "3"))
        .maxPartitions(8));
    assertEquals(8, SparkMlflowOptions.from(Map.of("uri", URI)).maxPartitions(8));
  }

  @Test
  void mergeLaysReadOptionsOverTableOptions() {
    SparkMlflowOptions table = SparkMlflowOptions.from(Map.of("uri", URI, "token", "t0k"))
        .forTable("runs");
    SparkMlflowOptions read = table.merge(Map.of("pushDown", "false", "path", "runs"));
    assertFalse(read.config().pushDown());
    assertEquals("t0k", read.config().token());
    assertEquals("runs", read.table());
    assertTrue(table.config().pushDown());
  }

  @Test
  void mergeRefusesAnotherTable() {
    SparkMlflowOptions table = SparkMlflowOptions.from(Map.of("uri", URI)).forTable("runs");
    assertThrows(ConfigException.class, () -> table.merge(Map.of("table", "params")));
  }

  @Test
  void catalogOptionsHaveNoTable() {
    assertNull(SparkMlflowOptions.from(Map.of("uri", URI)).table());
  }

  @Test
  void toStringHidesTheToken() {
    String s = SparkMlflowOptions.from(Map.of("uri", URI, "token", "s3cr3t-token")).toString();
    assertFalse(s.contains("s3cr3t-token"), s);
  }
}
