/** Calcite row expressions as core predicates ({@link org.mlflowtables.jdbc.rex.RexToPredicate}). */
package org.mlflowtables.jdbc.rex;
