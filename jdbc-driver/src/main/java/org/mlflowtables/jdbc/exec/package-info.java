/**
 * What runs when a statement executes: the streaming scan over core's row iterator ({@link
 * org.mlflowtables.jdbc.exec.TableReader}), the binding of {@code ?} parameters, and core's
 * failures as SQLExceptions. The lowest layer of the driver: it knows core and Calcite's runtime,
 * nothing of planning.
 */
package org.mlflowtables.jdbc.exec;
