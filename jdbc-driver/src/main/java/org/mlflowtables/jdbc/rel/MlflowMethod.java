package org.mlflowtables.jdbc.rel;

import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Types;
import org.mlflowtables.jdbc.schema.MlflowTable;
import org.mlflowtables.jdbc.schema.MlflowWritableTable;
import org.mlflowtables.jdbc.schema.ScanSpec;

/** The methods the generated code of a plan calls. */
enum MlflowMethod {
  SCAN(MlflowTable.class, "query", DataContext.class, ScanSpec.class),
  INSERT(MlflowWritableTable.class, "insert", DataContext.class, Enumerable.class),
  REFUSE(MlflowTable.class, "refuse", String.class);

  final Method method;

  MlflowMethod(Class<?> clazz, String name, Class<?>... argTypes) {
    this.method = Types.lookupMethod(clazz, name, argTypes);
  }
}
