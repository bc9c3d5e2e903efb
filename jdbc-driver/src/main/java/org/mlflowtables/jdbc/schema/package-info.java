/**
 * Core's catalogue as Calcite tables ({@link org.mlflowtables.jdbc.schema.MlflowSchema},
 * {@link org.mlflowtables.jdbc.schema.MlflowTable}): reads start planning from the scan of
 * {@code rel}; INSERT goes through core's log-batch writer; UPDATE and DELETE are refused.
 */
package org.mlflowtables.jdbc.schema;
