/**
 * What Spark's own JDBC reader needs to read the driver's tables: a {@code JdbcDialect} for
 * {@code jdbc:mlflow:} URLs, found by Spark through {@code META-INF/services}. Compiled against
 * Spark, which the driver never bundles; used only when the driver jar runs inside Spark.
 */
package org.mlflowtables.jdbc.spark;
