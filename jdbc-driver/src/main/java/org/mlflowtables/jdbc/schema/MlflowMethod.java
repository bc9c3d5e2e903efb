package org.mlflowtables.jdbc.schema;

import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Types;

/** The methods the generated code of an INSERT, UPDATE or DELETE calls. */
enum MlflowMethod {
  INSERT(MlflowWritableTable.class, "insert", DataContext.class, Enumerable.class),
  REFUSE(MlflowTable.class, "refuse", String.class);

  final Method method;

  MlflowMethod(Class<?> clazz, String name, Class<?>... argTypes) {
    this.method = Types.lookupMethod(clazz, name, argTypes);
  }
}
