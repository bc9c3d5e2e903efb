package org.mlflowtables.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Scala collections as Java ones, the same on Scala 2.12 and 2.13 (the tests run on both; 2.13's
 * converters do not exist in 2.12, and 2.12's are deprecated in 2.13): by iterating.
 */
public final class ScalaCollections {
  private ScalaCollections() {}

  /** The items, in order. */
  public static <T> List<T> list(scala.collection.Iterable<T> items) {
    List<T> out = new ArrayList<>();
    for (Iterator<T> it = items.iterator(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** The entries, in the map's order. */
  public static <K, V> Map<K, V> map(scala.collection.Map<K, V> map) {
    Map<K, V> out = new LinkedHashMap<>();
    for (Iterator<Tuple2<K, V>> it = map.iterator(); it.hasNext(); ) {
      Tuple2<K, V> e = it.next();
      out.put(e._1(), e._2());
    }
    return out;
  }
}
