/**
 * Core's catalogue as Calcite tables ({@link org.mlflowtables.jdbc.schema.MlflowSchema},
 * {@link org.mlflowtables.jdbc.schema.MlflowTable}) and what runs when a plan executes: the
 * streaming scan over core's row iterator and INSERT through core's log-batch writer.
 */
package org.mlflowtables.jdbc.schema;
