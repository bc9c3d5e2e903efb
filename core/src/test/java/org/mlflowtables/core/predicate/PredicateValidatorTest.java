package org.mlflowtables.core.predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlflowtables.core.predicate.Predicates.col;
import static org.mlflowtables.core.predicate.Predicates.entry;
import static org.mlflowtables.core.predicate.Predicates.eq;
import static org.mlflowtables.core.predicate.Predicates.gt;
import static org.mlflowtables.core.predicate.Predicates.in;
import static org.mlflowtables.core.predicate.Predicates.like;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.InvalidPredicateException;
import org.mlflowtables.core.exceptions.UnknownColumnException;

class PredicateValidatorTest {

  static Stream<Arguments> badPredicates() {
    return Stream.of(
        Arguments.of(eq(entry("run_name", "k"), "v"),
            "Table 'runs', column 'run_name' (entry run_name['k']) is STRING, not a map"),
        Arguments.of(eq(col("start_time"), "2024-01-01"),
            "Table 'runs', column 'start_time' is TIMESTAMP and cannot be compared with '2024-01-01'"),
        Arguments.of(eq(col("run_name"), 5L),
            "Table 'runs', column 'run_name' is STRING and cannot be compared with 5"),
        Arguments.of(gt(entry("metrics", "rmse"), "0.5"),
            "Table 'runs', column 'metrics' (entry metrics['rmse']) is DOUBLE and cannot be"
                + " compared with '0.5'"),
        Arguments.of(eq(col("metrics"), 1.0),
            "Table 'runs', column 'metrics' is MAP<STRING,DOUBLE>: cannot compare it as a whole"),
        Arguments.of(like(col("start_time"), "1%"),
            "Table 'runs', column 'start_time' is TIMESTAMP: LIKE needs a string"),
        Arguments.of(in(col("status"), "A", 1L),
            "Table 'runs', column 'status' is STRING and cannot be compared with 1"),
        Arguments.of(eq(col("status"), true),
            "Table 'runs', column 'status' is STRING and cannot be compared with TRUE"),
        Arguments.of(new Like(col("status"), "a\\b", false, '\\'),
            "Table 'runs', column 'status' has a malformed LIKE pattern"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badPredicates")
  void badPredicatesFailNamingTableAndColumn(Predicate p, String messageStart) {
    InvalidPredicateException e = assertThrows(InvalidPredicateException.class,
        () -> PredicateValidator.validate(Tables.RUNS, p));
    assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
  }

  @Test
  void anUnknownColumnFailsListingTheColumns() {
    UnknownColumnException e = assertThrows(UnknownColumnException.class,
        () -> PredicateValidator.validate(Tables.RUNS, eq(col("runname"), "x")));
    assertTrue(e.getMessage().contains("Table 'runs' has no column 'runname'"), e.getMessage());
  }

  @Test
  void translatorsValidateToo() {
    assertThrows(InvalidPredicateException.class,
        () -> Translators.runs(Tables.RUNS, PushdownOptions.PORTABLE).translate(List.of(eq(entry("status", "k"), "v"))));
  }

  @Test
  void numbersOfEitherKindFitNumericColumns() {
    PredicateValidator.validate(Tables.RUNS, gt(col("start_time"), 1.5));
    PredicateValidator.validate(Tables.RUNS, gt(entry("metrics", "m"), 1L));
    assertEquals(org.mlflowtables.core.catalog.ColumnType.DOUBLE,
        PredicateValidator.type(Tables.RUNS, entry("metrics", "m")));
  }
}
