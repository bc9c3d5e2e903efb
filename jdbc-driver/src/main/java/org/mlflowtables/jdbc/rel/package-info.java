/**
 * Planner rules and relational expressions that hand filters, ORDER BY, LIMIT and projections
 * to core ({@link org.mlflowtables.jdbc.rel.MlflowRules}), and the converter that runs the scan
 * core planned.
 */
package org.mlflowtables.jdbc.rel;
