/**
 * The JDBC driver for {@code jdbc:mlflow:} URLs: {@link org.mlflowtables.jdbc.MlflowDriver} on
 * Apache Calcite, with MLflow's tables in schema {@code mlflow}. The driver only adapts core: REST
 * calls, filter translation, paging and log-batch writing all happen in {@code
 * org.mlflowtables.core}.
 *
 * <p>Packages depend one way: this one on {@code schema} (Calcite's tables), {@code schema} on
 * {@code rel} (planner rules), {@code rel} on {@code rex} (expressions as core predicates), and all
 * of them on {@code exec} (what runs when a statement executes), which depends on core only.
 */
package org.mlflowtables.jdbc;
