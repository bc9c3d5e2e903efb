package org.mlflowtables.core.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a table is read: the entities of a {@link Source} and what each becomes.
 *
 * @param source the entities fetched
 * @param rows how one entity becomes rows
 * @param onePerEntity each entity is exactly one row (the size guess planning uses: only then can
 *     the server's ORDER BY and max_results stand for the table's)
 * @param shortcut a cheaper source that misses some rows, or null
 * @param <E> the entity
 */
public record ReadBinding<E>(Source<E> source, RowMapper<E> rows, boolean onePerEntity,
    Shortcut<E> shortcut) implements Serializable {
  public ReadBinding {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rows, "rows");
  }

  /**
   * A cheaper source of the same entities, which gives every row of the table except those alike
   * in {@code missed}: when some conjunct of a query rejects every such row, the cheaper source
   * gives the same answer.
   *
   * @param source the cheaper source
   * @param missed column to the value every missed row has (null for NULL); the columns not named
   *     vary among missed rows
   * @param when which queries take the shortcut, in words (for docs)
   * @param <E> the entity
   */
  public record Shortcut<E>(Source<E> source, Map<String, Object> missed, String when)
      implements Serializable {
    public Shortcut {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(when, "when");
      missed = Collections.unmodifiableMap(new HashMap<>(missed));
    }
  }
}
