package org.mlflowtables.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;

/** Name and version of the driver, read from the build (org-mlflowtables-jdbc.properties). */
final class MlflowDriverVersion extends DriverVersion {
  static final MlflowDriverVersion INSTANCE = load();

  private MlflowDriverVersion(String name, String version, int major, int minor) {
    super(name, version, "MLflow", "REST API 2.0", false, major, minor, 2, 0);
  }

  private static MlflowDriverVersion load() {
    Properties p = new Properties();
    try (InputStream in =
        MlflowDriverVersion.class.getResourceAsStream("/org-mlflowtables-jdbc.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to the defaults
    }
    String name = p.getProperty("driver.name", "mlflow-tables JDBC driver");
    String version = p.getProperty("driver.version", "0.0.0");
    if (version.startsWith("${")) {
      version = "0.0.0"; // an unfiltered resource (running from an IDE)
    }
    String[] parts = version.split("[.-]");
    return new MlflowDriverVersion(name, version, number(parts, 0), number(parts, 1));
  }

  private static int number(String[] parts, int i) {
    try {
      return i < parts.length ? Integer.parseInt(parts[i]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
