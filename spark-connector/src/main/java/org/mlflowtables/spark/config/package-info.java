/** Spark options of MLflow reads and writes: core's settings plus the few only Spark has. */
package org.mlflowtables.spark.config;
