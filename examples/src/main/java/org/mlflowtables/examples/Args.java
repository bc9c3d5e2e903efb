package org.mlflowtables.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of an example: an optional tracking URI first (else {@code
 * MLFLOW_TRACKING_URI}), then {@code --name value} options, then any other positional arguments.
 */
final class Args {
  private final String uri;
  private final Map<String, String> options;
  private final List<String> positional;

  private Args(String uri, Map<String, String> options, List<String> positional) {
    this.uri = uri;
    this.options = options;
    this.positional = positional;
  }

  /**
   * Parses the arguments.
   *
   * @param usage printed with any error
   * @param known the option names (without {@code --}) the program takes
   * @throws IllegalArgumentException on an unknown option, a missing value or no URI at all
   */
  static Args parse(String[] args, String usage, Set<String> known) {
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        if (!known.contains(name)) {
          throw new IllegalArgumentException("unknown option " + a + "\n" + usage);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value\n" + usage);
        }
        options.put(name, args[++i]);
      } else {
        positional.add(a);
      }
    }
    String uri = null;
    if (!positional.isEmpty() && positional.get(0).matches("(?i)https?://.*|databricks(://.*)?")) {
      uri = positional.remove(0);
    }
    if (uri == null) {
      uri = System.getenv("MLFLOW_TRACKING_URI");
    }
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException(
          "give the tracking URI (e.g. http://localhost:5000) or set MLFLOW_TRACKING_URI\n" + usage);
    }
    return new Args(uri.trim(), options, positional);
  }

  String uri() {
    return uri;
  }

  String option(String name, String dflt) {
    return options.getOrDefault(name, dflt);
  }

  List<String> positional() {
    return positional;
  }
}
