"""Mirrors MLflow into Parquet with ``spark.readStream.format("mlflow")``, restartable.

The PySpark twin of the Java example ``StreamToParquet``: each finished run (the ``runs`` table's
row, final) into ``OUT/runs``, each metric point into ``OUT/metrics``. The checkpoints in
``OUT/_checkpoints`` make it restartable: run it again (say from cron) and it adds what is new
since, nothing twice. By default each run reads what is there and stops (``availableNow``);
``--follow SECONDS`` keeps following for that long, a micro-batch every ``--trigger`` seconds.

    spark-submit --jars mlflow-tables-spark-<version>.jar stream_to_parquet.py \\
        [TRACKING_URI] --out DIR [--experiments LIKE_PATTERN] [--follow SECONDS] [--trigger SECONDS]

or, with plain ``python``, give the jar in ``MLFLOW_TABLES_SPARK_JAR``. The URI defaults to
``MLFLOW_TRACKING_URI``, the pattern to every experiment.
"""

import argparse
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("uri", nargs="?", default=os.environ.get("MLFLOW_TRACKING_URI"))
    p.add_argument("--out", required=True, help="output directory (Parquet and checkpoints)")
    p.add_argument("--experiments", default="%", help="experiment name LIKE pattern")
    p.add_argument("--follow", type=int, default=0,
                   help="seconds to keep following (0: read what is there and stop)")
    p.add_argument("--trigger", type=int, default=2, help="seconds between micro-batches")
    args = p.parse_args(argv)
    if not args.uri:
        p.error("give the tracking URI (e.g. http://localhost:5000) or set MLFLOW_TRACKING_URI")
    return args


def session():
    builder = (SparkSession.builder.appName("mlflow-tables stream_to_parquet")
               .config("spark.sql.session.timeZone", "UTC"))
    jar = os.environ.get("MLFLOW_TABLES_SPARK_JAR")
    if jar:
        builder = builder.config("spark.jars", jar)
    return builder.getOrCreate()


def main(argv):
    args = parse_args(argv)
    spark = session()
    spark.sparkContext.setLogLevel("WARN")
    ids = [r.experiment_id for r in (
        spark.read.format("mlflow").option("uri", args.uri).load("experiments")
        .where(F.col("name").like(args.experiments)).select("experiment_id").collect())]
    if not ids:
        print(f"No experiment's name is like '{args.experiments}'.")
        return 0
    # The filter reaches MLflow's search-runs (streams take filters as text: Spark offers none).
    where = "experiment_id IN (" + ", ".join("'" + i + "'" for i in ids) + ")"
    queries = []
    for table in ("runs", "metrics"):
        writer = (spark.readStream.format("mlflow").option("uri", args.uri)
                  .option("startingOffsets", "earliest").option("where", where).load(table)
                  .writeStream.format("parquet").queryName("mlflow_" + table)
                  .option("path", os.path.join(args.out, table))
                  .option("checkpointLocation", os.path.join(args.out, "_checkpoints", table)))
        if args.follow == 0:
            writer = writer.trigger(availableNow=True)
        else:
            writer = writer.trigger(processingTime=f"{args.trigger} seconds")
        queries.append(writer.start())
    deadline = time.time() + args.follow
    for q in queries:
        if args.follow == 0:
            q.awaitTermination()
        else:
            q.awaitTermination(max(1, int(deadline - time.time())))
            q.stop()
        rows = sum(p["numInputRows"] for p in q.recentProgress)
        print(f"{q.name}: {rows} new rows in {len(q.recentProgress)} micro-batches"
              f" into {os.path.join(args.out, q.name[len('mlflow_'):])}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
