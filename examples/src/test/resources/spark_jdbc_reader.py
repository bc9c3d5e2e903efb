"""Reads MLflow tables through the mlflow-tables JDBC driver with Spark's own JDBC reader."""
import sys

from pyspark.sql import SparkSession

url = "jdbc:mlflow:" + sys.argv[1]
props = {"driver": "org.mlflowtables.jdbc.MlflowDriver"}
spark = SparkSession.builder.getOrCreate()
params = spark.read.jdbc(url, "mlflow.params", properties=props).where("key = 'optimizer'")
for r in params.collect():
    print("PARAM %s=%s" % (r["run_id"], r["value"]))
# Spark's JDBC reader has no type for MAP columns: plain columns of runs come through a query.
runs = spark.read.jdbc(url, "(SELECT run_id, status FROM mlflow.runs) AS r", properties=props)
for r in runs.collect():
    print("RUN %s/%s" % (r["run_id"], r["status"]))
