package org.mlflowtables.core.predicate;

import java.util.Objects;

/**
 * One comparison of an MLflow filter string, structured as MLflow's parser reads it back.
 *
 * @param entity attribute, metric, param, tag or dataset
 * @param key the attribute name as sent ({@code run_id}, {@code version_number}) or the map key
 * @param op {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code IN},
 *     {@code LIKE}, {@code ILIKE}, {@code IS NULL} or {@code IS NOT NULL}
 * @param value a String, Long, Double, {@code List<String>} (IN), or null (IS [NOT] NULL)
 * @param text the clause as sent, e.g. {@code metrics.`rmse` < 0.5}
 */
public record FilterClause(String entity, String key, String op, Object value, String text) {
  public FilterClause {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return text;
  }
}
