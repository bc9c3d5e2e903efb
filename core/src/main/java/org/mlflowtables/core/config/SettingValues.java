package org.mlflowtables.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntPredicate;
import org.mlflowtables.core.exceptions.ConfigException;

/**
 * Parses setting values, failing with a message that names the setting and the rule. Public for
 * the settings only one engine has (the JDBC driver's).
 */
public final class SettingValues {
  private SettingValues() {}

  static ViewType parseViewType(String value) {
    if (isBlank(value)) {
      return ViewType.ACTIVE_ONLY;
    }
    try {
      return ViewType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid value '" + value + "' for setting 'viewType': expected "
          + Arrays.toString(ViewType.values()));
    }
  }

  static boolean parseBoolean(String key, String value, boolean dflt) {
    if (isBlank(value)) {
      return dflt;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1") || v.equals("yes")) {
      return true;
    }
    if (v.equals("false") || v.equals("0") || v.equals("no")) {
      return false;
    }
    throw new ConfigException(
        "Invalid value '" + value + "' for setting '" + key + "': expected true or false");
  }

  /**
   * An integer setting: {@code dflt} when blank.
   *
   * @throws ConfigException naming the setting and {@code rule} when not an integer or not {@code ok}
   */
  public static int parseInt(String key, String value, int dflt, IntPredicate ok, String rule) {
    if (isBlank(value)) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "Invalid value '" + value + "' for setting '" + key + "': " + rule);
    }
    if (!ok.test(v)) {
      throw new ConfigException("Invalid value '" + value + "' for setting '" + key + "': " + rule);
    }
    return v;
  }

  static double parseSeconds(String key, String value, double dflt) {
    if (isBlank(value)) {
      return dflt;
    }
    try {
      double v = Double.parseDouble(value.trim());
      if (v >= 0 && v <= 3600) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("Invalid value '" + value + "' for setting '" + key
        + "': must be a number of seconds from 0 to 3600");
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
