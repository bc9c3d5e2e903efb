package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mlflowtables.core.testing.Fixture;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;
import org.mlflowtables.core.testing.Oracle;
import org.mlflowtables.examples.ExampleTesting.Captured;

/**
 * CsvImport: another tracker's runs file and points file land exactly (experiments, runs with
 * their times, status, params and tags, full histories), as MLflow's Python client reads them;
 * running it again changes nothing.
 */
@ExtendWith(MlflowServerExtension.class)
class CsvImportIT {

  @Test
  void anExportLandsExactlyAndARerunChangesNothing(MlflowServer server, @TempDir Path dir)
      throws IOException {
    String p = "csv-import-" + System.nanoTime() + "-";
    Path runs = dir.resolve("runs.csv");
    Files.writeString(runs, String.join("\n",
        "run_key,experiment,run_name,status,start_time,end_time,params.lr,tags.owner",
        "w-1," + p + "vision,resnet,FINISHED,1600000000000,1600000360000,0.1,ann",
        "w-2," + p + "vision,vit,FAILED,2020-09-13T12:30:00Z,2020-09-13T12:40:00Z,0.01,",
        "w-3," + p + "nlp,bert,RUNNING,1600000500000,,,bob", ""));
    Path points = dir.resolve("points.csv");
    Files.writeString(points, String.join("\n",
        "run_key,key,value,timestamp,step",
        "w-1,loss,0.9,1600000001000,0",
        "w-1,loss,0.5,1600000002000,1",
        "w-1,val/acc,NaN,2020-09-13T12:26:43Z,1",
        "w-2,loss,Infinity,1600000003000,0",
        "w-3,loss,0.25,1600000004000,", ""));

    CsvImport.Result first = CsvImport.run(ExampleTesting.spark(), server.uri(),
        runs.toString(), points.toString(), new Captured().out);
    assertEquals(new CsvImport.Result(3, 5), first);

    Oracle python = Fixture.dump(server, p);
    assertEquals(Set.of(p + "vision", p + "nlp"), python.experiments().stream()
        .map(Oracle.Experiment::name).collect(Collectors.toSet()));
    Oracle.Run resnet = python.run("resnet");
    assertEquals(python.experiment(p + "vision").experimentId(), resnet.experimentId());
    assertEquals("FINISHED", resnet.status());
    assertEquals(1600000000000L, resnet.startTime());
    assertEquals(1600000360000L, resnet.endTime());
    assertEquals(Map.of("lr", "0.1"), resnet.params());
    assertEquals(Map.of("owner", "ann", "mlflow.runName", "resnet",
        "mlflowtables.source_run_id", "w-1"), resnet.tags());
    Oracle.Run vit = python.run("vit");
    assertEquals("FAILED", vit.status());
    assertEquals(1600000200000L, vit.startTime());
    assertEquals(1600000800000L, vit.endTime());
    assertEquals(Map.of("lr", "0.01"), vit.params());
    Oracle.Run bert = python.run("bert");
    assertEquals(python.experiment(p + "nlp").experimentId(), bert.experimentId());
    assertEquals("RUNNING", bert.status());
    assertEquals(null, bert.endTime());
    assertEquals(Map.of(), bert.params());
    assertEquals("bob", bert.tags().get("owner"));
    assertEquals(Set.of(
        resnet.runId() + "|loss|1600000001000|0|0.9",
        resnet.runId() + "|loss|1600000002000|1|0.5",
        resnet.runId() + "|val/acc|1600000003000|1|NaN",
        vit.runId() + "|loss|1600000003000|0|" + Double.MAX_VALUE,
        bert.runId() + "|loss|1600000004000|0|0.25"), python.metricHistory().stream()
            .map(m -> m.runId() + "|" + m.key() + "|" + m.timestamp() + "|" + m.step() + "|"
                + m.value())
            .collect(Collectors.toSet()));

    Captured second = new Captured();
    assertEquals(first, CsvImport.run(ExampleTesting.spark(), server.uri(), runs.toString(),
        points.toString(), second.out));
    assertTrue(second.text().contains("3 runs in 2 experiments"), second.text());
    Oracle again = Fixture.dump(server, p);
    assertEquals(python.experiments(), again.experiments());
    assertEquals(python.runs(), again.runs());
    assertEquals(python.metricHistory().size(), again.metricHistory().size());
  }
}
