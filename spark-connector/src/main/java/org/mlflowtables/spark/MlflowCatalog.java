package org.mlflowtables.spark;

import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.spark.config.SparkMlflowOptions;

/**
 * MLflow's tables as a Spark catalog:
 *
 * <pre>
 *   spark.sql.catalog.mlflow=org.mlflowtables.spark.MlflowCatalog
 *   spark.sql.catalog.mlflow.uri=http://localhost:5000
 * </pre>
 *
 * then {@code SHOW TABLES IN mlflow}, {@code DESCRIBE TABLE mlflow.runs}, {@code SELECT ... FROM
 * mlflow.runs}, {@code INSERT INTO mlflow.metrics SELECT ...}. The catalog's options are core's
 * settings. Tables live in the catalog's root namespace (also reachable as namespace {@code
 * mlflow}, the JDBC driver's schema name); they are fixed by MLflow, so creating, altering,
 * renaming and dropping tables or namespaces is refused.
 */
public final class MlflowCatalog implements TableCatalog, SupportsNamespaces {
  /** The namespace name the JDBC driver uses, accepted as an alias of the root. */
  static final String SCHEMA = "mlflow";

  private String name;
  private SparkMlflowOptions options;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    SparkLine.require();
    this.name = name;
    this.options = SparkMlflowOptions.from(options.asCaseSensitiveMap());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    checkNamespace(namespace);
    return Tables.names().stream().map(t -> Identifier.of(namespace, t))
        .toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    if (!isOurNamespace(ident.namespace())) {
      throw new NoSuchTableException(ident);
    }
    TableDef def = Tables.find(ident.name()).orElseThrow(() -> new NoSuchTableException(ident));
    return new MlflowTable(def, options);
  }

  /**
   * Refuses CREATE TABLE. This is the createTable every Spark line ends in (4.x's {@code
   * TableInfo} and 3.5's column variants default to it), deprecated in both but the one they share.
   */
  @Override
  @SuppressWarnings("deprecation")
  public Table createTable(Identifier ident, StructType schema, Transform[] partitions,
      Map<String, String> properties) {
    throw refused("CREATE TABLE " + ident);
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) {
    throw refused("ALTER TABLE " + ident);
  }

  @Override
  public boolean dropTable(Identifier ident) {
    throw refused("DROP TABLE " + ident);
  }

  @Override
  public void renameTable(Identifier oldIdent, Identifier newIdent) {
    throw refused("RENAME TABLE " + oldIdent);
  }

  @Override
  public String[][] listNamespaces() {
    return new String[0][];
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    checkNamespace(namespace);
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return isOurNamespace(namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace)
      throws NoSuchNamespaceException {
    checkNamespace(namespace);
    return Map.of("comment", "MLflow tracking and registry data at " + options.config().redactedUri());
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) {
    throw refused("CREATE NAMESPACE");
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw refused("ALTER NAMESPACE");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) {
    throw refused("DROP NAMESPACE");
  }

  private static boolean isOurNamespace(String[] namespace) {
    return namespace.length == 0 || (namespace.length == 1 && SCHEMA.equalsIgnoreCase(namespace[0]));
  }

  private static void checkNamespace(String[] namespace) throws NoSuchNamespaceException {
    if (!isOurNamespace(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
  }

  private UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException(what + " is not supported by catalog '" + name
        + "': its tables are MLflow's own (" + String.join(", ", Tables.names())
        + ") and cannot be created, altered, renamed or dropped; append to "
        + MlflowTable.writableTables() + " with INSERT INTO");
  }
}
