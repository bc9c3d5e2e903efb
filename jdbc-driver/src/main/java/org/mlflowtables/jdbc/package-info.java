/**
 * The JDBC driver for {@code jdbc:mlflow:} URLs: {@link org.mlflowtables.jdbc.MlflowDriver} on
 * Apache Calcite, with MLflow's tables in schema {@code mlflow}. The driver only adapts core: REST
 * calls, filter translation, paging and log-batch writing all happen in {@code
 * org.mlflowtables.core}.
 */
package org.mlflowtables.jdbc;
