package org.mlflowtables.spark.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The initial offset of a query, kept in its checkpoint (the source's metadata directory) when the
 * query first starts: Spark asks for the initial offset again after a restart that happens before
 * the first batch committed, and {@code startingOffsets=latest} must then mean the same time, not a
 * later one. Written to a temporary file and renamed, on any Hadoop file system.
 */
final class InitialOffsetFile {
  static final String NAME = "mlflow-initial-offset.json";

  private final Path path;
  private final Configuration conf;

  InitialOffsetFile(String metadataPath, Configuration conf) {
    this.path = new Path(metadataPath, NAME);
    this.conf = conf;
  }

  /** The offset stored, or {@code fresh}'s, stored first. */
  String getOrCreate(Supplier<String> fresh) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        try (InputStream in = fs.open(path)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      String json = fresh.get();
      Path tmp = new Path(path.getParent(), "." + NAME + ".tmp");
      fs.mkdirs(path.getParent());
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(tmp, path)) {
        throw new IOException("cannot rename " + tmp + " to " + path);
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the initial offset of the MLflow stream in "
          + path, e);
    }
  }
}
