/**
 * The Spark connector of mlflow-tables: the {@code mlflow} data source ({@link
 * org.mlflowtables.spark.MlflowTableProvider}), its tables ({@link org.mlflowtables.spark.MlflowTable}),
 * a {@code TableCatalog} ({@link org.mlflowtables.spark.MlflowCatalog}) and a session extension
 * for map-entry push-down ({@link org.mlflowtables.spark.MlflowSparkSessionExtensions}).
 *
 * <p>The connector only adapts {@code org.mlflowtables.core}: table definitions, push-down
 * decisions, REST calls, paging and log-batch writing all live there.
 */
package org.mlflowtables.spark;
