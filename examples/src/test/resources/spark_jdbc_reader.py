"""Reads MLflow tables through the mlflow-tables JDBC driver with Spark's own JDBC reader.

Prints one line per fact the test checks: SCHEMA, PARAM, RUN, METRIC, MV.
"""
import math
import sys

from pyspark.sql import SparkSession
from pyspark.sql.functions import from_json

url = "jdbc:mlflow:" + sys.argv[1]
props = {"driver": "org.mlflowtables.jdbc.MlflowDriver"}
spark = SparkSession.builder.getOrCreate()


def number(v):
    """Exact text of a double that Java's Double.parseDouble reads back."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v.hex()


params = spark.read.jdbc(url, "mlflow.params", properties=props).where("key = 'optimizer'")
for r in params.collect():
    print("PARAM %s=%s" % (r["run_id"], r["value"]))

# A whole table with map columns: the driver's dialect reads each map as its JSON text.
runs = spark.read.jdbc(url, "mlflow.runs", properties=props)
print("SCHEMA runs " + runs.schema.simpleString())
runs = runs.withColumn("metrics", from_json("metrics", "map<string,double>"))
for r in runs.collect():
    print("RUN %s/%s" % (r["run_id"], r["status"]))
    for key, value in sorted(r["metrics"].items()):
        print("METRIC %s %s=%s" % (r["run_id"], key, number(value)))

versions = spark.read.jdbc(url, "mlflow.model_versions", properties=props)
print("SCHEMA model_versions " + versions.schema.simpleString())
for r in versions.collect():
    print("MV %s/%s:%s" % (r["name"], r["version"], ",".join(sorted(r["aliases"]))))
