package org.mlflowtables.core.write;

import java.util.Map;

/**
 * One experiment to create when none of its name exists, or whose tags to merge into the existing
 * one of that name ({@link ExperimentWriter}).
 *
 * @param name the experiment's name, required
 * @param artifactLocation where its artifacts go; null for the server's default (used only when
 *     the experiment is created)
 * @param tags tags to set (a key's value in the row wins over the server's); never null
 */
public record ExperimentRow(String name, String artifactLocation, Map<String, String> tags)
    implements WriteRow {
  private static final long serialVersionUID = 1L;

  public ExperimentRow {
    tags = RunRow.copy(tags);
  }

  @Override
  public String kind() {
    return "experiment";
  }
}
