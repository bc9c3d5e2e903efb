/**
 * Conversions between core's tables and Spark: schemas ({@link
 * org.mlflowtables.spark.schema.SchemaConverter}), rows read ({@link
 * org.mlflowtables.spark.schema.RowConverter}) and rows written ({@link
 * org.mlflowtables.spark.schema.LogBatchRowMapper}).
 */
package org.mlflowtables.spark.schema;
