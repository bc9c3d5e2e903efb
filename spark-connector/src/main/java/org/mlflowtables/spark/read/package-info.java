/**
 * Reads: {@link org.mlflowtables.spark.read.MlflowScanBuilder} records push-down decisions (core
 * makes them), {@code MlflowScan} describes the scan, {@code MlflowBatch} plans one partition per
 * core scan part, {@code MlflowPartitionReader} walks a part's rows; custom metrics in {@link
 * org.mlflowtables.spark.read.MlflowReadMetrics}.
 */
package org.mlflowtables.spark.read;
