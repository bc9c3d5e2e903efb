package org.mlflowtables.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's small, made-up but plausible ML project: three experiments of ten runs each, every run
 * with a learning curve (train_loss and val_loss per epoch), a few final metrics, params and tags.
 * Deterministic: the same seed gives the same project.
 */
final class DemoData {
  /** 2025-03-03T09:00:00Z: when the first run starts. */
  static final long START = 1_740_992_400_000L;
  static final int EPOCHS = 20;

  /** One run to create: its name, times, status and what it logged. */
  record RunSpec(String experiment, String name, long startTime, long endTime, String status,
      Map<String, String> params, Map<String, String> tags, List<Point> points) {}

  /** One metric point. */
  record Point(String key, double value, long timestamp, long step) {}

  /** One experiment: its name, tags, the family of models tried, its final metrics. */
  private record Project(String name, String team, String dataset, String[] models,
      String[] finals, double difficulty) {}

  private static final List<Project> PROJECTS = List.of(
      new Project("demo/churn-classifier", "growth", "customers-2025-02",
          new String[] {"logistic_regression", "random_forest", "xgboost"},
          new String[] {"val_auc", "val_f1"}, 0.35),
      new Project("demo/price-regression", "pricing", "listings-v3",
          new String[] {"ridge", "lightgbm", "mlp"},
          new String[] {"val_rmse", "val_mae"}, 0.55),
      new Project("demo/image-tagger", "vision", "photos-2025-01",
          new String[] {"resnet18", "resnet50", "vit_small"},
          new String[] {"val_accuracy", "val_top5_accuracy"}, 0.8));

  private DemoData() {}

  /** The experiments' names and tags. */
  static Map<String, Map<String, String>> experiments() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    for (Project p : PROJECTS) {
      m.put(p.name(), Map.of("team", p.team(), "dataset", p.dataset(), "project", "mlflow-tables demo"));
    }
    return m;
  }

  /** Ten runs per experiment; two of them crashed early (FAILED). */
  static List<RunSpec> runs() {
    Random random = new Random(20250303L);
    List<RunSpec> runs = new ArrayList<>();
    long start = START;
    for (Project p : PROJECTS) {
      for (int i = 0; i < 10; i++) {
        String model = p.models()[i % p.models().length];
        double lr = new double[] {0.1, 0.03, 0.01, 0.003}[random.nextInt(4)];
        int depth = 2 + random.nextInt(8);
        int batch = new int[] {32, 64, 128, 256}[random.nextInt(4)];
        boolean failed = i == 3 || (i == 7 && p.name().endsWith("tagger"));
        int epochs = failed ? 4 + random.nextInt(6) : EPOCHS;
        // How good this configuration is: model family, learning rate, a little luck.
        double quality = 0.6 + 0.15 * (i % p.models().length) - 4 * Math.abs(lr - 0.01)
            + 0.1 * random.nextGaussian();
        double floor = p.difficulty() * (1.15 - 0.35 * Math.max(0, Math.min(1, quality)));
        List<Point> points = new ArrayList<>();
        long t = start + 30_000;
        double trainLoss = 0;
        double valLoss = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
          double progress = Math.exp(-(epoch + 1) * lr * 12);
          trainLoss = floor * 0.85 + 1.4 * progress + 0.01 * random.nextGaussian();
          valLoss = floor + 1.3 * progress + 0.02 * random.nextGaussian()
              + (epoch > 14 ? 0.004 * (epoch - 14) : 0); // a little overfitting at the end
          t += 60_000 + random.nextInt(20_000);
          points.add(new Point("train_loss", round(trainLoss), t, epoch));
          points.add(new Point("val_loss", round(valLoss), t + 5_000, epoch));
        }
        if (!failed) {
          t += 30_000;
          for (String key : p.finals()) {
            points.add(new Point(key, round(finalMetric(key, valLoss, random)), t, 0));
          }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("model", model);
        params.put("learning_rate", Double.toString(lr));
        params.put("max_depth", Integer.toString(depth));
        params.put("batch_size", Integer.toString(batch));
        params.put("epochs", Integer.toString(EPOCHS));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", p.team());
        tags.put("dataset", p.dataset());
        tags.put("git_sha", String.format("%07x", random.nextInt(1 << 28)));
        String name = model.replace('_', '-') + "-" + (i + 1);
        runs.add(new RunSpec(p.name(), name, start, t + 10_000, failed ? "FAILED" : "FINISHED",
            params, tags, points));
        start = t + 15 * 60_000;
      }
    }
    return runs;
  }

  private static double finalMetric(String key, double valLoss, Random random) {
    double noise = 0.01 * random.nextGaussian();
    return switch (key) {
      case "val_auc" -> 1.02 - 0.45 * valLoss + noise;
      case "val_f1" -> 0.95 - 0.6 * valLoss + noise;
      case "val_rmse" -> 18 + 40 * valLoss + 10 * noise;
      case "val_mae" -> 11 + 28 * valLoss + 10 * noise;
      case "val_accuracy" -> 1.05 - 0.5 * valLoss + noise;
      default -> Math.min(0.995, 1.12 - 0.25 * valLoss + noise);
    };
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
