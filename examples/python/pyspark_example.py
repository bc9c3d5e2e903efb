"""MLflow tracking data in PySpark with the mlflow-tables connector jar.

Stock PySpark (``pip install pyspark``) and the connector's one jar are all it takes:

    spark-submit --jars mlflow-tables-spark-<line>-<version>.jar pyspark_example.py \\
        [TRACKING_URI] [--experiments LIKE_PATTERN] [--metric KEY]

or, with plain ``python``, give the jar in ``MLFLOW_TABLES_SPARK_JAR`` (it becomes ``spark.jars``).
The URI defaults to ``MLFLOW_TRACKING_URI``, the pattern to every experiment, the metric to
``rmse`` (lower is better).

It reads experiments and runs with ``spark.read.format("mlflow")`` (filters reach MLflow's search
endpoints), ranks each experiment's finished runs by the metric with a window function, runs SQL
through the ``mlflow`` catalog, and writes each run's rank back as a metric with
``df.write.format("mlflow")``, twice: the second write adds nothing, as MLflow already has those
points.
"""

import argparse
import os
import sys

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("uri", nargs="?", default=os.environ.get("MLFLOW_TRACKING_URI"))
    p.add_argument("--experiments", default="%", help="experiment name LIKE pattern")
    p.add_argument("--metric", default="rmse", help="metric key; lower is better")
    args = p.parse_args(argv)
    if not args.uri:
        p.error("give the tracking URI (e.g. http://localhost:5000) or set MLFLOW_TRACKING_URI")
    return args


def session(uri):
    builder = (
        SparkSession.builder.appName("mlflow-tables PySpark example")
        # Hands predicates on map entries (metrics['rmse'] < 1) to MLflow too.
        .config("spark.sql.extensions", "org.mlflowtables.spark.MlflowSparkSessionExtensions")
        # MLflow's tables as a catalog: SELECT ... FROM mlflow.runs
        .config("spark.sql.catalog.mlflow", "org.mlflowtables.spark.MlflowCatalog")
        .config("spark.sql.catalog.mlflow.uri", uri)
        .config("spark.sql.session.timeZone", "UTC")
    )
    jar = os.environ.get("MLFLOW_TABLES_SPARK_JAR")
    if jar:
        builder = builder.config("spark.jars", jar)
    return builder.getOrCreate()


def metric_points(spark, uri, experiment_ids, key):
    return (
        spark.read.format("mlflow").option("uri", uri).load("metrics")
        .where(F.col("experiment_id").isin(experiment_ids) & (F.col("key") == key))
        .count()
    )


def main(argv):
    args = parse_args(argv)
    uri, metric = args.uri, args.metric
    spark = session(uri)
    spark.sparkContext.setLogLevel("WARN")
    mlflow = spark.read.format("mlflow").option("uri", uri)

    experiments = (
        mlflow.load("experiments")
        .where(F.col("name").like(args.experiments))
        .select("experiment_id", F.col("name").alias("experiment"))
    )
    experiment_ids = [r.experiment_id for r in experiments.collect()]
    print(f"Experiments like '{args.experiments}': {len(experiment_ids)}")
    if not experiment_ids:
        return 0

    # Finished runs that logged the metric; experiment_id IN and status = reach search-runs.
    runs = (
        spark.read.format("mlflow").option("uri", uri).load("runs")
        .where(F.col("experiment_id").isin(experiment_ids) & (F.col("status") == "FINISHED"))
        .where(F.col("metrics")[metric].isNotNull())
        .select("experiment_id", "run_id", "run_name", F.col("metrics")[metric].alias(metric),
                "start_time", "end_time")
    )
    ranked = (
        runs.withColumn("rank", F.row_number().over(
            Window.partitionBy("experiment_id").orderBy(F.col(metric).asc(), "run_id")))
        .join(experiments, "experiment_id")
        .cache()
    )
    print(f"== Finished runs ranked by {metric}")
    (ranked.select("experiment", "rank", "run_name", metric)
     .orderBy("experiment", "rank").show(100, truncate=False))

    # SQL through the catalog.
    in_list = ", ".join("'" + i.replace("'", "''") + "'" for i in experiment_ids)
    print("== Runs per experiment (SQL on the mlflow catalog)")
    spark.sql(f"""
        SELECT e.name AS experiment, r.status, COUNT(*) AS runs
        FROM mlflow.runs r JOIN mlflow.experiments e ON r.experiment_id = e.experiment_id
        WHERE r.experiment_id IN ({in_list})
        GROUP BY e.name, r.status ORDER BY e.name, r.status
    """).show(100, truncate=False)

    # Each run's rank, back to MLflow as a metric point at the run's end time. The second write
    # finds every point on the server and adds nothing.
    key = f"{metric}_rank"
    points = ranked.select(
        "run_id",
        F.lit(key).alias("key"),
        F.col("rank").cast("double").alias("value"),
        F.coalesce("end_time", "start_time").alias("timestamp"),
        F.lit(0).cast("long").alias("step"),
    )
    for attempt in ("first", "second"):
        before = metric_points(spark, uri, experiment_ids, key)
        points.write.format("mlflow").option("uri", uri).mode("append").save("metrics")
        after = metric_points(spark, uri, experiment_ids, key)
        print(f"{attempt} write of {key}: {after - before} new points ({after} in all)")
    ranked.unpersist()
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
