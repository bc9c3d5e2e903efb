/**
 * The predicate model shared by the Spark and JDBC connectors, its reference semantics
 * ({@link org.mlflowtables.core.predicate.PredicateEvaluator}) and its translation into MLflow
 * search requests ({@link org.mlflowtables.core.predicate.Translators}).
 *
 * <p>A connector converts its engine's filters into {@link org.mlflowtables.core.predicate.Predicate}
 * conjuncts (dropping what it cannot convert: the engine keeps it), asks the table's
 * {@link org.mlflowtables.core.predicate.TableTranslator} for a
 * {@link org.mlflowtables.core.predicate.Translation}, sends its filter, experiment ids and order,
 * and hands the residual conjuncts back to the engine.
 */
package org.mlflowtables.core.predicate;
