/**
 * The engine-neutral table catalogue: every table of DESIGN.md with its columns and types
 * ({@link org.mlflowtables.core.catalog.Tables}), and per column what the table's MLflow endpoint
 * evaluates exactly, evaluates only loosely (to prune), or sorts.
 */
package org.mlflowtables.core.catalog;
