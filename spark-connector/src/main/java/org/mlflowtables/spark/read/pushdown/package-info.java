/**
 * Spark's V2 predicates and sort orders as core's ({@link
 * org.mlflowtables.spark.read.pushdown.SparkPredicateConverter}, {@link
 * org.mlflowtables.spark.read.pushdown.SparkSortConverter}), and the optimizer rule that lets
 * map-entry predicates through Spark's translation ({@link
 * org.mlflowtables.spark.read.pushdown.MapEntryPushDownRule}, {@link
 * org.mlflowtables.spark.read.pushdown.MapEntryFunction}).
 */
package org.mlflowtables.spark.read.pushdown;
