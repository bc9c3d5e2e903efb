package org.mlflowtables.spark;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;
import org.mlflowtables.core.exceptions.MlflowTablesException;
import org.mlflowtables.spark.config.SparkMlflowOptions;
import org.mlflowtables.spark.read.MlflowScanBuilder;
import org.mlflowtables.spark.schema.SchemaConverter;
import org.mlflowtables.spark.write.MlflowWriteBuilder;

/**
 * One MLflow table in Spark: its schema from core's catalogue, reads for every table, appends for
 * the writable ones (metrics, params, tags). Per-read and per-write options are laid over the
 * table's own (those of {@code load()} or of the catalog).
 *
 * <p>Writable tables accept any input schema ({@link TableCapability#ACCEPT_ANY_SCHEMA}): the writer
 * matches columns by name, takes {@code timestamp} as TIMESTAMP or epoch milliseconds, defaults
 * {@code step} and refuses a missing or mistyped column before anything is sent. They declare
 * {@link TableCapability#TRUNCATE} only so that an overwrite reaches the write builder, which
 * refuses it with the reason (MLflow cannot delete metric points).
 */
public final class MlflowTable implements SupportsRead, SupportsWrite {
  private final TableDef def;
  private final SparkMlflowOptions options;
  private final StructType schema;

  public MlflowTable(TableDef def, SparkMlflowOptions options) {
    this.def = def;
    this.options = options.forTable(def.name());
    this.schema = SchemaConverter.toSchema(def);
  }

  @Override
  public String name() {
    return def.name();
  }

  /** Core's definition of this table. */
  public TableDef definition() {
    return def;
  }

  @Override
  public Column[] columns() {
    return def.columns().stream()
        .map(c -> Column.create(c.name(), SchemaConverter.toDataType(c.type()), c.nullable(),
            c.description().isEmpty() ? null : c.description(), null))
        .toArray(Column[]::new);
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return schema;
  }

  @Override
  public Map<String, String> properties() {
    return Map.of(
        "provider", MlflowTableProvider.SHORT_NAME,
        "endpoint", def.endpoint().restName(),
        "writable", Boolean.toString(def.writable()),
        "comment", def.description());
  }

  @Override
  public Set<TableCapability> capabilities() {
    // Read-only tables claim BATCH_WRITE too, so that a write reaches newWriteBuilder and fails
    // with a message naming the writable tables (Spark would otherwise fall back to a V1 path and
    // report an internal error about CREATE TABLE AS SELECT).
    // Every table claims MICRO_BATCH_READ for the same reason: a stream of a table that does not
    // stream fails in the scan with a message naming the ones that do (docs/streaming.md).
    return def.writable()
        ? EnumSet.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ,
            TableCapability.BATCH_WRITE, TableCapability.ACCEPT_ANY_SCHEMA,
            TableCapability.TRUNCATE)
        : EnumSet.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ,
            TableCapability.BATCH_WRITE);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap readOptions) {
    return new MlflowScanBuilder(def, schema, options.merge(readOptions.asCaseSensitiveMap()));
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (!def.writable()) {
      throw new MlflowTablesException("MLflow table '" + def.name()
          + "' is read-only; the writable tables are " + writableTables());
    }
    return new MlflowWriteBuilder(def, options.merge(info.options().asCaseSensitiveMap()), info);
  }

  /** The names of the tables that take appends, for messages. */
  static String writableTables() {
    return String.join(", ",
        Tables.all().stream().filter(TableDef::writable).map(TableDef::name).toList());
  }

  @Override
  public String toString() {
    return "MlflowTable(" + def.name() + ")";
  }
}
