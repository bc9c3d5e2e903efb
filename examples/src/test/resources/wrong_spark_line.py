"""A connector jar on a Spark it is not built for: the session extension steps aside and queries
run; the data source and the catalog fail with the message that names the jar to use.

    spark-submit --jars <a jar of another Spark line> wrong_spark_line.py TRACKING_URI
"""

import sys

from pyspark.sql import SparkSession


def main(uri):
    spark = (
        SparkSession.builder.appName("mlflow-tables on another Spark line")
        .config("spark.sql.extensions", "org.mlflowtables.spark.MlflowSparkSessionExtensions")
        .config("spark.sql.catalog.mlflow", "org.mlflowtables.spark.MlflowCatalog")
        .config("spark.sql.catalog.mlflow.uri", uri)
        .getOrCreate()
    )
    print("SPARK " + spark.version)
    # A map-entry filter and ORDER BY that are not MLflow's: the extension must not break them.
    rows = spark.sql(
        "SELECT id FROM (SELECT id, map('m', id) AS m FROM range(5)) WHERE m['m'] > 1 "
        "ORDER BY m['m'] DESC").collect()
    print("QUERY " + ",".join(str(r.id) for r in rows))
    for what, load in (
            ("SOURCE", lambda: spark.read.format("mlflow").option("uri", uri).load("runs").count()),
            ("CATALOG", lambda: spark.sql("SHOW TABLES IN mlflow").collect())):
        try:
            load()
            print(what + " loaded")
        except Exception as e:  # noqa: BLE001 - the message is what this prints
            print(what + " " + " ".join(str(e).split()))
    spark.stop()
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
