package org.mlflowtables.core.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks rows exactly as MLflow 3.17's server does before it stores them ({@code
 * mlflow/utils/validation.py}: {@code _validate_run_id}, {@code _validate_metric}, {@code
 * _validate_param}, {@code _validate_tag}, {@code validate_param_and_metric_name}, {@code
 * path_not_unique}; {@code server/handlers.py}: {@code _log_batch}), so that a bad row fails here,
 * with its run and key named, instead of failing a whole request on the server. Pure and
 * stateless, but for a writer's {@link Checker}, which remembers the last name that passed.
 *
 * <p>Where the server is more lenient than it should be, the writer is stricter, and says so:
 * <ul>
 *   <li>param and tag values longer than {@value LogBatchLimits#MAX_PARAM_VAL_LENGTH} / {@value
 *       LogBatchLimits#MAX_TAG_VAL_LENGTH} characters are refused; the server would silently
 *       truncate them ({@code MLFLOW_TRUNCATE_LONG_VALUES} defaults to true);
 *   <li>{@code dataset_name}/{@code dataset_digest} without {@code model_id} are refused: MLflow
 *       3.17 keeps a metric's dataset only in its logged-model metrics and silently drops it
 *       otherwise; their lengths are checked against the SQL columns (500 and 36);
 *   <li>strings with unpaired UTF-16 surrogates are refused (not Unicode text).
 * </ul>
 *
 * <p>Names follow Python's rules, not Java's: {@code \w} is Unicode-aware (letters of any script,
 * digits and numeric characters, {@code _}; not combining marks), lengths count code points, and
 * Python's {@code $} lets a name end with one {@code \n} (the server accepts and stores
 * {@code "loss\n"}; so does this class). Colons are allowed (the server refuses them only when it
 * runs on Windows).
 */
public final class LogBatchValidator {

  private LogBatchValidator() {}

  /**
   * Checks one row.
   *
   * @throws InvalidRowException naming run, key and the rule broken
   */
  public static void validate(LogRow row) {
    validate(row, true);
  }

  /** Checks one row, its run id and key too when {@code checkName}. */
  private static void validate(LogRow row, boolean checkName) {
    if (row == null) {
      throw new IllegalArgumentException("row is null");
    }
    if (checkName) {
      validateRunAndKey(row);
    }
    if (row instanceof MetricRow m) {
      validateMetric(m);
    } else if (row instanceof ParamRow p) {
      validateValue(p, p.value(), LogBatchLimits.MAX_PARAM_VAL_LENGTH, "MAX_PARAM_VAL_LENGTH");
    } else if (row instanceof TagRow t) {
      validateValue(t, t.value(), LogBatchLimits.MAX_TAG_VAL_LENGTH, "MAX_TAG_VAL_LENGTH");
    }
  }

  /**
   * Checks the rows of one writer as {@link #validate(LogRow)} does, but checks a run id and key
   * only when they differ from the last row's that passed: a writer's rows mostly come a run and
   * key at a time (Spark sorts them so, exports list a key's points together), and the name
   * checks were most of the time spent checking. Thread-safe.
   */
  static final class Checker {
    private record Name(String runId, String key) {}

    private volatile Name lastValid;

    void validate(LogRow row) {
      Name last = lastValid;
      boolean known = last != null && row != null && last.key().equals(row.key())
          && last.runId().equals(row.runId());
      LogBatchValidator.validate(row, !known);
      if (!known) {
        lastValid = new Name(row.runId(), row.key());
      }
    }
  }

  private static void validateMetric(MetricRow m) {
    if (m.value() == null) {
      throw invalid(m, "REQUIRED", "value is missing (MLflow requires a number; NaN and"
          + " +/-Infinity are allowed)");
    }
    if (m.timestamp() == null) {
      throw invalid(m, "REQUIRED", "timestamp is missing (MLflow requires epoch milliseconds)");
    }
    if (m.timestamp() < 0) {
      throw invalid(m, "TIMESTAMP", "timestamp is " + m.timestamp()
          + ": MLflow requires a nonnegative long (epoch milliseconds)");
    }
    if (m.modelId() == null && (m.datasetName() != null || m.datasetDigest() != null)) {
      throw invalid(m, "LINEAGE", "dataset_name/dataset_digest are given without model_id:"
          + " MLflow 3.17 keeps a metric's dataset only on logged-model metrics and would drop"
          + " it; give the model_id, or leave the dataset out");
    }
    checkUnicode(m, "model_id", m.modelId());
    checkUnicode(m, "dataset_name", m.datasetName());
    checkUnicode(m, "dataset_digest", m.datasetDigest());
    if (m.datasetName() != null
        && length(m.datasetName()) > LogBatchLimits.MAX_DATASET_NAME_SIZE) {
      throw invalid(m, "MAX_DATASET_NAME_SIZE", "dataset_name is " + length(m.datasetName())
          + " characters long; MLflow's limit is " + LogBatchLimits.MAX_DATASET_NAME_SIZE
          + " (MAX_DATASET_NAME_SIZE)");
    }
    if (m.datasetDigest() != null
        && length(m.datasetDigest()) > LogBatchLimits.MAX_DATASET_DIGEST_SIZE) {
      throw invalid(m, "MAX_DATASET_DIGEST_SIZE", "dataset_digest is "
          + length(m.datasetDigest()) + " characters long; MLflow's limit is "
          + LogBatchLimits.MAX_DATASET_DIGEST_SIZE + " (MAX_DATASET_DIGEST_SIZE)");
    }
  }

  private static void validateValue(LogRow row, String value, int maxValue,
      String limitName) {
    if (value == null) {
      throw invalid(row, "REQUIRED", "value is missing (MLflow requires a string; empty is"
          + " allowed)");
    }
    checkUnicode(row, "value", value);
    int length = length(value);
    if (length > maxValue) {
      throw invalid(row, limitName, "value is " + length + " characters long; MLflow's limit is "
          + maxValue + " (" + limitName + "; the server would silently truncate it)");
    }
  }

  private static void validateRunAndKey(LogRow row) {
    String runId = row.runId();
    if (runId == null) {
      throw invalid(row, "REQUIRED", "run_id is missing");
    }
    String runProblem = runIdProblem(runId);
    if (runProblem != null) {
      throw invalid(row, "RUN_ID", runProblem);
    }
    String key = row.key();
    if (key == null) {
      throw invalid(row, "REQUIRED", "key is missing (MLflow requires a key name)");
    }
    checkUnicode(row, "key", key);
    String chars = keyCharacterProblem(key);
    if (chars != null) {
      throw invalid(row, "KEY_CHARACTERS", chars);
    }
    String path = keyPathProblem(key);
    if (path != null) {
      throw invalid(row, "KEY_PATH", path);
    }
    int length = length(key);
    if (length > LogBatchLimits.MAX_ENTITY_KEY_LENGTH) {
      throw invalid(row, "MAX_ENTITY_KEY_LENGTH", "key is " + length
          + " characters long; MLflow's limit is " + LogBatchLimits.MAX_ENTITY_KEY_LENGTH
          + " (MAX_ENTITY_KEY_LENGTH)");
    }
  }

  private static InvalidRowException invalid(LogRow row, String rule, String problem) {
    return new InvalidRowException(row.kind(), row.runId(), row.key(), rule,
        "Invalid " + row.kind() + " row for run " + Messages.quote(row.runId()) + ", key "
            + Messages.quote(row.key()) + ": " + problem + ".",
        WriteResult.EMPTY);
  }

  private static void checkUnicode(LogRow row, String field, String s) {
    if (s == null) {
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Messages.isLoneSurrogate(s, i)) {
        throw invalid(row, "UNICODE", field + " has an unpaired UTF-16 surrogate at position "
            + i + ": it is not Unicode text");
      }
    }
  }

  /** Characters (code points), as Python's {@code len} counts them. */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  // ---- names -----------------------------------------------------------------------------------

  /**
   * Python's {@code \w} on a str: {@code str.isalnum()} (letters Lu Ll Lt Lm Lo, and numeric
   * characters Nd Nl No) or {@code _}. Unlike Java's {@code (?U)\w}, no combining marks and no
   * connector punctuation other than {@code _}.
   */
  static boolean isPythonWordChar(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /**
   * Why {@code re.match(r"^[/\w.\- :]*$", key)} fails, or null when it matches. Python's {@code
   * $} also matches before a final {@code \n}, so one trailing newline is allowed.
   */
  static String keyCharacterProblem(String key) {
    String body = key.endsWith("\n") ? key.substring(0, key.length() - 1) : key;
    for (int i = 0; i < body.length(); ) {
      int cp = body.codePointAt(i);
      if (!(cp == '/' || cp == '.' || cp == '-' || cp == ' ' || cp == ':'
          || isPythonWordChar(cp))) {
        return "character " + Messages.quote(new String(Character.toChars(cp)))
            + String.format(" (U+%04X)", cp) + " at position " + i
            + " is not allowed: names may only contain alphanumerics, underscores (_), dashes"
            + " (-), periods (.), spaces ( ), colons (:) and slashes (/)";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** Why MLflow's {@code path_not_unique(key)} is true, or null when it is false. */
  static String keyPathProblem(String key) {
    if (key.isEmpty()) {
      return "key is empty (MLflow requires a key name)";
    }
    String norm = normpath(key);
    if (!norm.equals(key) || norm.equals(".") || norm.startsWith("..") || norm.startsWith("/")) {
      return "MLflow treats names as file paths and refuses one that does not resolve to itself"
          + " (this one resolves to " + Messages.quote(norm) + "): no '.' or '..' segments, no"
          + " leading '..' or '/', no '//', no trailing '/'";
    }
    return null;
  }

  /** Python's {@code posixpath.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    int initialSlashes = path.startsWith("/") ? 1 : 0;
    if (initialSlashes == 1 && path.startsWith("//") && !path.startsWith("///")) {
      initialSlashes = 2;
    }
    List<String> comps = new ArrayList<>();
    for (String comp : path.split("/", -1)) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..") || (initialSlashes == 0 && comps.isEmpty())
          || (!comps.isEmpty() && comps.get(comps.size() - 1).equals(".."))) {
        comps.add(comp);
      } else if (!comps.isEmpty()) {
        comps.remove(comps.size() - 1);
      }
    }
    String joined = "/".repeat(initialSlashes) + String.join("/", comps);
    return joined.isEmpty() ? "." : joined;
  }

  /**
   * Why {@code _RUN_ID_REGEX = ^[a-zA-Z0-9][\w\-]{0,255}$} does not match, or null when it does
   * (Python's {@code \w} and {@code $}, as for keys).
   */
  static String runIdProblem(String runId) {
    String body = runId.endsWith("\n") ? runId.substring(0, runId.length() - 1) : runId;
    if (body.isEmpty()) {
      return "run_id is empty";
    }
    char first = body.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z'
        || first >= '0' && first <= '9')) {
      return "run_id must start with an ASCII letter or digit";
    }
    int length = length(body);
    if (length > LogBatchLimits.MAX_RUN_ID_LENGTH) {
      return "run_id is " + length + " characters long; MLflow's limit is "
          + LogBatchLimits.MAX_RUN_ID_LENGTH;
    }
    for (int i = 0; i < body.length(); ) {
      int cp = body.codePointAt(i);
      if (cp != '-' && !isPythonWordChar(cp)) {
        return "run_id may only contain letters, digits, '_' and '-' (character "
            + String.format("U+%04X", cp) + " at position " + i + ")";
      }
      i += Character.charCount(cp);
    }
    return null;
  }
}
