/**
 * Calcite's row expressions and types in core's terms: predicates ({@link
 * org.mlflowtables.jdbc.rex.RexToPredicate}) and SQL types of core's columns ({@link
 * org.mlflowtables.jdbc.rex.SqlTypes}).
 */
package org.mlflowtables.jdbc.rex;
