/** The Spark UI's custom metrics of MLflow scans and writes: what they cost on the server. */
package org.mlflowtables.spark.metrics;
