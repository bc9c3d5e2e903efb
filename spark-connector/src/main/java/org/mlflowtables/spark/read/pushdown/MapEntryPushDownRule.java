package org.mlflowtables.spark.read.pushdown;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.ElementAt;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GetMapValue;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression$;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.Sort;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.mlflowtables.spark.MlflowTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function1;
import scala.collection.immutable.Nil$;
import scala.runtime.AbstractPartialFunction;

/**
 * Hands map-entry predicates ({@code metrics['rmse'] < 0.5}, {@code element_at(params, 'lr') =
 * '0.1'}, {@code metrics.rmse < 0.5}) on an MLflow table to its scan.
 *
 * <p>Spark's V2 predicate translation drops {@code GetMapValue}, so such a predicate never reaches
 * {@code MlflowScanBuilder}. This rule runs in the optimizer's "Pre CBO Rules" batch, the last one
 * before "Early Filter and Projection Push-Down" ({@code V2ScanRelationPushDown}). For a {@code
 * Filter} directly above an MLflow relation it writes each map-entry lookup of a deterministic
 * conjunct as {@link MapEntryFunction}, which gives the same value and which the translation keeps
 * (as a {@code UserDefinedScalarFunc}). The scan builder hands such conjuncts to core and returns
 * to Spark, as post-scan filters, those core does not evaluate exactly; Spark then evaluates the
 * function itself. A conjunct core takes exactly leaves no filter above the scan, so a LIMIT can
 * still reach it.
 *
 * <p>It also rewrites the map-entry keys of an ORDER BY over an MLflow relation the same way (the
 * values do not change), so that {@code ORDER BY metrics['loss'] ASC NULLS LAST LIMIT 5} can reach
 * the scan as a top-N when core can push that order.
 */
public final class MapEntryPushDownRule extends Rule<LogicalPlan> {
  private static final Logger LOG = LoggerFactory.getLogger(MapEntryPushDownRule.class);

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
      @Override
      public boolean isDefinedAt(LogicalPlan node) {
        return node instanceof Filter f && isMlflowRelation(f.child())
            || node instanceof Sort sort && readsMlflowRelation(sort.child());
      }

      @Override
      @SuppressWarnings("unchecked")
      public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, Function1<A1, B1> otherwise) {
        if (!isDefinedAt(node)) {
          return otherwise.apply(node);
        }
        return (B1) (node instanceof Filter f ? rewrite(f) : rewrite((Sort) node));
      }
    });
  }

  private static boolean isMlflowRelation(LogicalPlan plan) {
    return plan instanceof DataSourceV2Relation r && r.table() instanceof MlflowTable;
  }

  /** An MLflow relation under projections and filters only (what top-N push-down looks through). */
  private static boolean readsMlflowRelation(LogicalPlan plan) {
    if (plan instanceof Project p) {
      return readsMlflowRelation(p.child());
    }
    if (plan instanceof Filter f) {
      return readsMlflowRelation(f.child());
    }
    return isMlflowRelation(plan);
  }

  /**
   * An ORDER BY on map entries, written with {@link MapEntryFunction} so that Spark can offer it
   * (with a LIMIT) to the scan as a top-N. The projections below it are written the same way, so
   * that a key naming an alias ({@code SELECT metrics['loss'] AS loss ... ORDER BY loss}) resolves
   * to the function too. Every value stays the same: where Spark still sorts, it sorts by the same
   * values.
   */
  private static LogicalPlan rewrite(Sort sort) {
    return sort.transformDown(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
      @Override
      public boolean isDefinedAt(LogicalPlan node) {
        return node instanceof Sort || node instanceof Project;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, Function1<A1, B1> otherwise) {
        return isDefinedAt(node)
            ? (B1) node.transformExpressionsUp(LOOKUP_TO_FUNCTION) : otherwise.apply(node);
      }
    });
  }

  private static LogicalPlan rewrite(Filter filter) {
    List<Expression> conjuncts = new ArrayList<>();
    splitConjuncts(filter.condition(), conjuncts);
    Expression condition = null;
    boolean changed = false;
    for (Expression conjunct : conjuncts) {
      Expression out = conjunct;
      // a non-deterministic conjunct is left as written; one with a subquery is evaluated by
      // Spark after the scan anyway
      if (conjunct.deterministic() && !SubqueryExpression$.MODULE$.hasSubquery(conjunct)) {
        out = conjunct.transformUp(LOOKUP_TO_FUNCTION);
        changed |= !out.fastEquals(conjunct);
      }
      condition = condition == null ? out : new And(condition, out);
    }
    if (!changed) {
      return filter;
    }
    LOG.debug("Handing map-entry predicates to the MLflow scan: {}", condition);
    return new Filter(condition, filter.child());
  }

  private static void splitConjuncts(Expression e, List<Expression> out) {
    if (e instanceof And and) {
      splitConjuncts(and.left(), out);
      splitConjuncts(and.right(), out);
    } else {
      out.add(e);
    }
  }

  /** {@code map[key]} or {@code element_at(map, key)} on a column with a literal key. */
  private static final AbstractPartialFunction<Expression, Expression> LOOKUP_TO_FUNCTION =
      new AbstractPartialFunction<>() {
        @Override
        public boolean isDefinedAt(Expression e) {
          return lookup(e) != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A1 extends Expression, B1> B1 applyOrElse(A1 e, Function1<A1, B1> otherwise) {
          Expression[] parts = lookup(e);
          if (parts == null) {
            return otherwise.apply(e);
          }
          MapType type = (MapType) parts[0].dataType();
          // A Scala List is the Seq of both Scala lines (2.12's collection.Seq, 2.13's immutable).
          return (B1) new ApplyFunctionExpression(new MapEntryFunction(type),
              Nil$.MODULE$.$colon$colon(parts[1]).$colon$colon(parts[0]));
        }
      };

  /** The map column and key of a map-entry lookup, or null for anything else. */
  private static Expression[] lookup(Expression e) {
    Expression map;
    Expression key;
    if (e instanceof GetMapValue g) {
      map = g.child();
      key = g.key();
    } else if (e instanceof ElementAt at) {
      map = at.left();
      key = at.right();
    } else {
      return null;
    }
    boolean stringKeyedMap = map instanceof AttributeReference
        && map.dataType() instanceof MapType mt
        && mt.keyType() instanceof StringType;
    boolean literalKey = key instanceof Literal lit && lit.value() != null
        && lit.dataType() instanceof StringType;
    return stringKeyedMap && literalKey ? new Expression[] {map, key} : null;
  }
}
