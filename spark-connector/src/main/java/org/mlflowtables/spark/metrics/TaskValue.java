package org.mlflowtables.spark.metrics;

import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * One task's value of a metric, as a reader or writer reports it to Spark.
 *
 * @param name the metric's name
 * @param value the task's count
 */
public record TaskValue(String name, long value) implements CustomTaskMetric {}
