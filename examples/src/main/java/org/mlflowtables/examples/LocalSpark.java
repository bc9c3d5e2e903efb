package org.mlflowtables.examples;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of the examples: the cluster given by {@code spark-submit} (or {@code
 * -Dspark.master=...}), else all local cores; the connector's session extension on, so that
 * predicates on map entries such as {@code metrics['rmse'] < 0.5} reach MLflow; times shown in UTC.
 */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession session(String appName) {
    SparkConf conf = new SparkConf()
        .setAppName(appName)
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.sql.extensions", "org.mlflowtables.spark.MlflowSparkSessionExtensions")
        .setIfMissing("spark.sql.session.timeZone", "UTC")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
