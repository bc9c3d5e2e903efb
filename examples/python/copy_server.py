"""Copies experiments, runs, metric histories and dataset inputs between MLflow servers, re-runnable.

The PySpark twin of the Java example ``CopyServer``, with ``format("mlflow")`` reads from the
source and appends to the target only: experiments (name, tags), their runs (name, times, status,
params, tags), every metric point and the runs' dataset inputs. Re-running it copies only what is
new: experiments are found by name, runs by the source run id kept in their tag
``mlflowtables.source_run_id``, points and datasets a run already has are skipped. Not copied:
model inputs and logged models, lineage of metric points, the model registry, artifacts.

    spark-submit --jars mlflow-tables-spark-<version>.jar copy_server.py \\
        SOURCE_URI TARGET_URI [--experiments LIKE_PATTERN]

or, with plain ``python``, give the jar in ``MLFLOW_TABLES_SPARK_JAR``. The pattern defaults to
every active experiment.
"""

import argparse
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

SOURCE_TAG = "mlflowtables.source_run_id"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("source", help="the source's tracking URI")
    p.add_argument("target", help="the target's tracking URI")
    p.add_argument("--experiments", default="%", help="experiment name LIKE pattern")
    return p.parse_args(argv)


def session():
    builder = (SparkSession.builder.appName("mlflow-tables copy_server")
               .config("spark.sql.session.timeZone", "UTC"))
    jar = os.environ.get("MLFLOW_TABLES_SPARK_JAR")
    if jar:
        builder = builder.config("spark.jars", jar)
    return builder.getOrCreate()


def read(spark, uri, table):
    return spark.read.format("mlflow").option("uri", uri).load(table)


def append(df, uri, table):
    df.write.format("mlflow").option("uri", uri).mode("append").save(table)


def strings(df, column):
    return [r[0] for r in df.select(column).distinct().collect()]


def dataset_inputs(spark, uri, experiment_ids):
    # Dataset rows only: a query no model row can match reads search-runs alone.
    return read(spark, uri, "run_inputs").where(
        (F.col("kind") == "dataset") & F.col("experiment_id").isin(experiment_ids))


def copy(spark, source, target, pattern):
    experiments = (read(spark, source, "experiments").where(F.col("name").like(pattern))
                   .select("experiment_id", "name", "tags").cache())
    source_ids = strings(experiments, "experiment_id")
    append(experiments.select("name", "tags"), target, "experiments")

    runs = (read(spark, source, "runs").where(F.col("experiment_id").isin(source_ids))
            .join(experiments.selectExpr("experiment_id", "name AS experiment_name"),
                  "experiment_id")
            .selectExpr("run_id", "run_name", "experiment_name", "status", "start_time",
                        "end_time", "params",
                        f"map_filter(tags, (k, v) -> k != '{SOURCE_TAG}') AS tags"))
    append(runs, target, "runs")

    names = strings(experiments, "name")
    target_ids = strings(read(spark, target, "experiments").where(F.col("name").isin(names)),
                         "experiment_id")
    ids = (read(spark, target, "runs").where(F.col("experiment_id").isin(target_ids))
           .selectExpr(f"tags['{SOURCE_TAG}'] AS source_run_id", "run_id AS target_run_id")
           .where("source_run_id IS NOT NULL"))
    points = (read(spark, source, "metrics").where(F.col("experiment_id").isin(source_ids))
              .join(ids, F.col("run_id") == F.col("source_run_id"))
              .selectExpr("target_run_id AS run_id", "key", "value", "timestamp", "step"))
    append(points, target, "metrics")

    inputs = (dataset_inputs(spark, source, source_ids)
              .join(ids, F.col("run_id") == F.col("source_run_id"))
              .selectExpr("target_run_id AS run_id", "dataset_name", "dataset_digest",
                          "source_type", "source", "schema", "profile", "tags"))
    append(inputs, target, "run_inputs")

    held = (len(target_ids), ids.count(),
            read(spark, target, "metrics").where(F.col("experiment_id").isin(target_ids)).count(),
            dataset_inputs(spark, target, target_ids).count())
    experiments.unpersist()
    print(f"Copied {source} to {target} (experiments LIKE '{pattern}'): the target holds"
          f" {held[0]} experiments, {held[1]} runs, {held[2]} metric points, {held[3]} dataset"
          f" inputs of them.")
    return held


def main(argv):
    args = parse_args(argv)
    spark = session()
    spark.sparkContext.setLogLevel("WARN")
    try:
        copy(spark, args.source, args.target, args.experiments)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
