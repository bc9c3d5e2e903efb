package org.mlflowtables.jdbc.schema;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.junit.jupiter.api.Test;

/** A JDBC batch belongs to its statement: executions find it through their DataContext only. */
class WriteBatchesTest {
  private final WriteBatches batches = new WriteBatches();

  /** The DataContext Calcite gives an execution of the statement with this cancel flag. */
  private static DataContext executionOf(AtomicBoolean statementCancelFlag) {
    return new DataContext() {
      @Override
      public SchemaPlus getRootSchema() {
        return null;
      }

      @Override
      public JavaTypeFactory getTypeFactory() {
        return null;
      }

      @Override
      public QueryProvider getQueryProvider() {
        return null;
      }

      @Override
      public Object get(String name) {
        return name.equals(Variable.CANCEL_FLAG.camelName) ? statementCancelFlag : null;
      }
    };
  }

  @Test
  void anExecutionFindsTheBatchOfItsOwnStatementOnly() {
    AtomicBoolean batched = new AtomicBoolean();
    AtomicBoolean other = new AtomicBoolean();
    try (WriteBatch batch = batches.begin(batched)) {
      assertSame(batch, batches.of(executionOf(batched)));
      assertNull(batches.of(executionOf(other)), "another statement writes on its own");
    }
    assertNull(batches.of(executionOf(batched)), "a closed batch is gone");
  }

  @Test
  void twoStatementsBatchAtOnceEachIntoItsOwn() {
    AtomicBoolean a = new AtomicBoolean();
    AtomicBoolean b = new AtomicBoolean();
    try (WriteBatch first = batches.begin(a); WriteBatch second = batches.begin(b)) {
      assertSame(first, batches.of(executionOf(a)));
      assertSame(second, batches.of(executionOf(b)));
    }
  }
}
