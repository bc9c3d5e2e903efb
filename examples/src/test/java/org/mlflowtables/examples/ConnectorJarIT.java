package org.mlflowtables.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlflowtables.core.testing.MlflowServer;
import org.mlflowtables.core.testing.MlflowServerExtension;

/**
 * The Spark connector jars as built (one per Spark line): each one jar whose every class is under
 * org/mlflowtables (core, and OkHttp, Okio, Kotlin and Jackson relocated under
 * org/mlflowtables/spark/shaded), which talks to a real server from a class loader that sees
 * nothing else (SLF4J aside, which Spark provides).
 */
@ExtendWith(MlflowServerExtension.class)
class ConnectorJarIT {
  private static final String SHADED = "org/mlflowtables/spark/shaded/";

  @ParameterizedTest
  @EnumSource(PySparkLine.class)
  void everythingIsUnderOrgMlflowtables(PySparkLine line) throws IOException {
    List<String> entries = new ArrayList<>();
    try (JarFile jar = new JarFile(line.jar().toFile())) {
      Collections.list(jar.entries()).forEach(e -> entries.add(e.getName()));
      assertEquals("false", jar.getManifest().getMainAttributes().getValue("Multi-Release"));
      assertEquals("org.mlflowtables.spark.MlflowTableProvider",
          read(jar, "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister").strip());
      // Jackson's own service files follow its classes.
      assertTrue(read(jar, "META-INF/services/" + SHADED.replace('/', '.')
          + "com.fasterxml.jackson.core.JsonFactory").contains(
              SHADED.replace('/', '.') + "com.fasterxml.jackson.core.JsonFactory"));
    }
    List<String> stray = entries.stream()
        .filter(e -> !e.startsWith("org/mlflowtables/") && !e.equals("org/")
            && !e.startsWith("META-INF/"))
        .toList();
    assertEquals(List.of(), stray, "entries outside org/mlflowtables/");
    List<String> unwanted = entries.stream()
        .filter(e -> e.endsWith("module-info.class") || e.startsWith("META-INF/versions/")
            || e.endsWith(".kotlin_builtins") || e.endsWith(".kotlin_module")
            || e.matches("META-INF/[^/]*\\.(SF|DSA|RSA|EC)"))
        .toList();
    assertEquals(List.of(), unwanted);
    List<String> services = entries.stream()
        .filter(e -> e.startsWith("META-INF/services/") && !e.endsWith("/"))
        .filter(e -> !e.startsWith("META-INF/services/org.mlflowtables.")
            && !e.startsWith("META-INF/services/org.apache.spark."))
        .toList();
    assertEquals(List.of(), services, "service files of unrelocated interfaces");
    for (String expected : List.of(
        "org/mlflowtables/core/client/MlflowClient.class",
        "org/mlflowtables/spark/MlflowTableProvider.class",
        "org/mlflowtables/spark/spark-line.properties",
        SHADED + "okhttp3/OkHttpClient.class",
        SHADED + "okio/Buffer.class",
        SHADED + "kotlin/jvm/internal/Intrinsics.class",
        SHADED + "com/fasterxml/jackson/databind/ObjectMapper.class",
        SHADED + "com/fasterxml/jackson/core/JsonFactory.class",
        SHADED + "com/fasterxml/jackson/annotation/JsonInclude.class",
        SHADED + "okhttp3/internal/publicsuffix/publicsuffixes.gz")) {
      assertTrue(entries.contains(expected), expected + " is missing");
    }
    // Spark, Scala and SLF4J come from Spark.
    assertTrue(entries.stream().noneMatch(e -> e.contains("/slf4j/") || e.contains("/scala/")
        || e.startsWith(SHADED + "org/apache/spark")));
  }

  @Test
  void relocatedLibrariesWorkOnTheirOwn(MlflowServer server) throws Exception {
    Path slf4j = Paths.get(org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    URL[] urls = {Command.builtFile("mlflowtables.sparkJar").toUri().toURL(), slf4j.toUri().toURL()};
    try (URLClassLoader jarOnly = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      // OkHttp's public suffix list is a resource next to its (relocated) class.
      Class<?> db = jarOnly.loadClass(
          SHADED.replace('/', '.') + "okhttp3.internal.publicsuffix.PublicSuffixDatabase");
      Object companion = db.getField("Companion").get(null);
      Object instance = companion.getClass().getMethod("get").invoke(companion);
      assertEquals("example.co.uk", db.getMethod("getEffectiveTldPlusOne", String.class)
          .invoke(instance, "www.example.co.uk"));

      // Core's client over relocated OkHttp, Okio, Kotlin and Jackson, against the real server.
      Class<?> configClass = jarOnly.loadClass("org.mlflowtables.core.config.MlflowConfig");
      Object config = configClass.getMethod("from", Map.class, Map.class)
          .invoke(null, Map.of("uri", server.uri()), Map.of());
      Class<?> clientClass = jarOnly.loadClass("org.mlflowtables.core.client.MlflowClient");
      Object client = clientClass.getMethod("create", configClass).invoke(null, config);
      Object experiment = clientClass.getMethod("getExperiment", String.class).invoke(client, "0");
      Method name = experiment.getClass().getMethod("name");
      assertEquals("Default", name.invoke(experiment));
      assertEquals(jarOnly, experiment.getClass().getClassLoader());
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    ZipEntry e = jar.getEntry(name);
    assertTrue(e != null, name + " is missing");
    try (InputStream in = jar.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
