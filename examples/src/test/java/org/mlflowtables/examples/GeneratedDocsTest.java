package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mlflowtables.core.catalog.Column;
import org.mlflowtables.core.catalog.ColumnPushdown;
import org.mlflowtables.core.catalog.PushdownOp;
import org.mlflowtables.core.catalog.ReadBinding;
import org.mlflowtables.core.catalog.SortRule;
import org.mlflowtables.core.catalog.TableDef;
import org.mlflowtables.core.catalog.Tables;

/**
 * The generated parts of docs/tables.md and docs/pushdown.md, between the markers below, are what
 * core's catalogue ({@link Tables}) says. The test fails when a page is stale; run it with
 * {@code -Dmlflowtables.updateDocs=true} to rewrite them (prose outside the markers stays):
 *
 * <pre>
 * ./mvnw -q -pl examples test -Dtest=GeneratedDocsTest -Dmlflowtables.updateDocs=true
 * </pre>
 */
class GeneratedDocsTest {
  static final String BEGIN = "<!-- BEGIN GENERATED from org.mlflowtables.core.catalog.Tables"
      + " by examples/src/test/java/org/mlflowtables/examples/GeneratedDocsTest.java;"
      + " do not edit -->";
  static final String END = "<!-- END GENERATED -->";

  @Test
  void tablesPageMatchesTheCatalogue() throws IOException {
    check("docs/tables.md", tables());
  }

  @Test
  void pushdownPageMatchesTheCatalogue() throws IOException {
    check("docs/pushdown.md", pushdown());
  }

  @Test
  void theUserDocsSayWhatTheyAreForInTheirFirstLine() throws IOException {
    for (String name : List.of("tables", "settings", "pushdown", "writes", "retries", "jars")) {
      Path page = Command.projectRoot().resolve("docs/" + name + ".md");
      String first = Files.readAllLines(page, StandardCharsets.UTF_8).get(0);
      assertTrue(first.startsWith("# ") && first.contains(": "),
          page + " should start with '# Title: what the page is for', not: " + first);
    }
  }

  /** One section per table: what it is, how it is read, its columns. */
  static String tables() {
    StringBuilder b = new StringBuilder();
    b.append("| table | rows | read through | writable |\n|---|---|---|---|\n");
    for (TableDef t : Tables.all()) {
      b.append("| [`").append(t.name()).append("`](#").append(t.name()).append(") | ")
          .append(t.description()).append(" | ").append(t.endpoint().restName()).append(" | ")
          .append(t.writable() ? "yes (append)" : "no").append(" |\n");
    }
    for (TableDef t : Tables.all()) {
      b.append("\n### ").append(t.name()).append("\n\n").append(t.description())
          .append(" Read through MLflow's ").append(t.endpoint().restName())
          .append(t.writable() ? "; it takes appends (see [writes.md](writes.md))." : ".")
          .append("\n\n| column | type | nullable | meaning |\n|---|---|---|---|\n");
      for (Column c : t.columns()) {
        b.append("| `").append(c.name()).append("` | ").append(c.type().sqlName()).append(" | ")
            .append(c.nullable() ? "yes" : "no").append(" | ").append(cell(c.description()))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  /** One matrix per table: per column, what reaches MLflow. */
  static String pushdown() {
    StringBuilder b = new StringBuilder();
    for (TableDef t : Tables.all()) {
      b.append("\n### ").append(t.name()).append(" (").append(t.endpoint().restName())
          .append(")\n\n| column | exact | to prune, re-checked | ORDER BY | why |\n"
              + "|---|---|---|---|---|\n");
      List<String> none = new ArrayList<>();
      for (Column c : t.columns()) {
        ColumnPushdown p = t.pushdown(c.name());
        if (p == ColumnPushdown.NONE || p.exact().isEmpty() && p.prune().isEmpty()
            && !p.sort().pushable() && p.note().isEmpty()) {
          none.add("`" + c.name() + "`");
          continue;
        }
        String name = c.type().isMap() ? c.name() + "['k']" : c.name();
        b.append("| `").append(name).append("` | ").append(ops(p.exact())).append(" | ")
            .append(ops(p.prune())).append(" | ").append(sort(p.sort())).append(" | ")
            .append(cell(p.note())).append(" |\n");
      }
      if (!none.isEmpty()) {
        b.append("\nEvaluated by the engine only: ").append(String.join(", ", none)).append(".\n");
      }
      b.append("\nRequests: ").append(t.read().source().cost()).append(".");
      ReadBinding.Shortcut<?> shortcut = t.read().shortcut();
      if (shortcut != null) {
        b.append(" But ").append(shortcut.when()).append(".");
      }
      b.append("\n");
    }
    return b.toString();
  }

  private static String ops(Set<PushdownOp> ops) {
    if (ops.isEmpty()) {
      return "—";
    }
    return EnumSet.copyOf(ops).stream().map(GeneratedDocsTest::op)
        .collect(Collectors.joining(" "));
  }

  private static String op(PushdownOp op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      case IN -> "IN";
      case LIKE -> "LIKE";
      case ILIKE -> "ILIKE";
      case IS_NULL -> "IS NULL";
      case IS_NOT_NULL -> "IS NOT NULL";
    };
  }

  private static String sort(SortRule s) {
    if (!s.pushable()) {
      return "—";
    }
    List<String> parts = new ArrayList<>();
    parts.add(s.ascendingOnly() ? "ASC only" : "ASC, DESC");
    if (s.nullsLastOnly()) {
      parts.add("NULLs last");
    }
    if (s.needsBinaryStringOrdering()) {
      parts.add("bytewise-sorting stores only");
    }
    return String.join("; ", parts);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static void check(String page, String generated) throws IOException {
    Path file = Command.projectRoot().resolve(page);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertTrue(begin >= 0 && end > begin, page + " lacks the generated-section markers");
    String current = text.substring(begin + BEGIN.length(), end);
    String wanted = "\n" + generated.strip() + "\n";
    if (Boolean.getBoolean("mlflowtables.updateDocs")) {
      Files.writeString(file, text.substring(0, begin + BEGIN.length()) + wanted
          + text.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(wanted, current, page + " is stale: run ./mvnw -q -pl examples test"
        + " -Dtest=GeneratedDocsTest -Dmlflowtables.updateDocs=true");
  }
}
