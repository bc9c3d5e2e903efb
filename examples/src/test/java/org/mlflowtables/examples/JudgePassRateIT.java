package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * JudgePassRate in a JVM of its own whose classpath is the driver's self-contained jar and the
 * example's classes: on traces of two days with judges' feedback, a human's, a judge's score and
 * an overridden verdict, it prints each judge's passes per day, counting the judges' boolean
 * verdicts that stand.
 */
@ExtendWith(MlflowServerExtension.class)
class JudgePassRateIT {
  /** 2024-05-01T00:00Z. */
  private static final long MAY_1 = 1_714_521_600_000L;
  private static final long HOUR = 3_600_000L;

  @Test
  void printsEachJudgesPassRatePerDay(MlflowServer server) {
    String experiment = "judges-" + UUID.randomUUID().toString().substring(0, 8);
    List<Object> llm = List.of(List.of("LLM", 5));
    ExampleTesting.logTraces(server, experiment, List.of(
        // May 1st: correctness passes 2 of 3 (the override's verdict is a human's), safety 1 of 1.
        Map.of("start", MAY_1 + HOUR, "spans", llm, "feedback", List.of(
            List.of("correctness", true, "LLM_JUDGE"), List.of("safety", true, "LLM_JUDGE"),
            List.of("correctness", false, "HUMAN"))),
        Map.of("start", MAY_1 + 2 * HOUR, "spans", llm, "feedback", List.of(
            List.of("correctness", false, "LLM_JUDGE"), List.of("relevance", 0.8, "LLM_JUDGE"))),
        Map.of("start", MAY_1 + 3 * HOUR, "spans", llm, "feedback", List.of(
            List.of("correctness", true, "LLM_JUDGE"),
            List.of("correctness", true, "LLM_JUDGE", true))),
        // May 2nd: correctness passes 1 of 2.
        Map.of("start", MAY_1 + 26 * HOUR, "spans", llm, "feedback", List.of(
            List.of("correctness", true, "LLM_JUDGE"))),
        Map.of("start", MAY_1 + 27 * HOUR, "spans", llm, "feedback", List.of(
            List.of("correctness", false, "LLM_JUDGE")))));

    String classpath = Command.builtFile("mlflowtables.driverJar") + File.pathSeparator
        + Command.builtFile("mlflowtables.examplesClasses");
    Command.Result r = Command.java(classpath, "org.mlflowtables.examples.JudgePassRate",
            server.uri(), "--experiment", experiment)
        .runOk(Duration.ofMinutes(3));
    String out = r.stdout();

    String rows = "(?s).*\\| day +\\| judge +\\| judged +\\| passed +\\| pass_rate +\\|\n"
        + "[-+|]+\n"
        + "\\| 2024-05-01 +\\| correctness +\\| 3 +\\| 2 +\\| 0\\.667 +\\|\n"
        + "\\| 2024-05-01 +\\| safety +\\| 1 +\\| 1 +\\| 1 +\\|\n"
        + "\\| 2024-05-02 +\\| correctness +\\| 2 +\\| 1 +\\| 0\\.5 +\\|\n.*";
    assertTrue(out.matches(rows), r.describe());
    assertTrue(out.contains("\n3 rows\n"), r.describe());
    assertTrue(!Pattern.compile("\\| relevance|\\| HUMAN").matcher(out).find(), r.describe());
  }
}
