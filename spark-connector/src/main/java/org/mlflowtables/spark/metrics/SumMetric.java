package org.mlflowtables.spark.metrics;

import org.apache.spark.sql.connector.metric.CustomSumMetric;

/**
 * A metric summed over tasks, with its name and UI description given once. Spark instantiates
 * metric classes by name, so each concrete metric is a public class with a public no-arg
 * constructor that passes both to this one.
 */
public abstract class SumMetric extends CustomSumMetric {
  private final String name;
  private final String description;

  protected SumMetric(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }
}
