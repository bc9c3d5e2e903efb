package org.mlflowtables.jdbc;

/**
 * JVM-wide Calcite defaults the driver needs: Unicode character literals. MLflow names, keys and
 * values are Unicode ({@code WHERE name = 'значение'}); Calcite's default character set for SQL
 * literals is ISO-8859-1, which cannot encode them. The same values ship in
 * {@code saffron.properties}; setting them here as well covers class loaders that do not see that
 * file. A value the application set itself is kept.
 */
final class SqlDefaults {
  private SqlDefaults() {}

  static void apply() {
    setIfAbsent("calcite.default.charset", "UTF-8");
    setIfAbsent("calcite.default.nationalcharset", "UTF-8");
    setIfAbsent("calcite.default.collation.name", "UTF-8$en_US");
  }

  private static void setIfAbsent(String key, String value) {
    try {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    } catch (SecurityException e) {
      // saffron.properties still applies
    }
  }
}
