package org.cisharing.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Side-by-side start-up cost of the Spring Boot starter: a minimal Boot application (no web
 * server) started in fresh JVMs, alternately without the starter on the classpath and with it
 * (configured with a hub URL and an empty outbox directory), N times each. Also lists the jars the
 * starter adds beyond {@code spring-boot-autoconfigure}.
 *
 * <p>Run (the classpath must hold the starter and its dependencies):
 *
 * <pre>
 * ./mvnw -B -q -pl sharing-benchmarks -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=target/classpath.txt
 * java -cp sharing-benchmarks/target/classes:$(cat sharing-benchmarks/target/classpath.txt) \
 *     org.cisharing.benchmarks.StarterStartupHarness 15
 * </pre>
 *
 * <p>Output: per variant the median, minimum and 90th percentile of JVM uptime when the context is
 * ready, of {@code SpringApplication.run} alone, the loaded class count and the context close time.
 */
public final class StarterStartupHarness {
  /** Jars that are on the classpath only because of the starter (the core and its dependencies). */
  static final Pattern STARTER_ONLY = Pattern.compile(
      ".*(sharing-spring-boot-starter|sharing-core|okhttp|okio|kotlin-stdlib|/annotations-13|jackson-databind"
          + "|jackson-core|jackson-annotations)[^" + Pattern.quote(File.separator) + "]*(\\.jar)?$"
          + "|.*sharing-spring-boot-starter/target/classes$|.*sharing-core/target/classes$");

  private StarterStartupHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1].equals("with"), Arrays.copyOfRange(args, 2, args.length));
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<String> full = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    List<String> starterOnly = full.stream().filter(e -> STARTER_ONLY.matcher(e).matches()).toList();
    List<String> baseline = full.stream().filter(e -> !starterOnly.contains(e)).toList();
    if (starterOnly.stream().noneMatch(e -> e.contains("sharing-spring-boot-starter"))) {
      throw new IllegalStateException("the starter is not on the classpath: " + full);
    }
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "JVM %s, %d CPUs, load average %.1f, %d runs per variant (+1 warm-up each), alternating%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), n);

    List<long[]> without = new ArrayList<>();
    List<long[]> with = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      long[] a = run(baseline, false);
      long[] b = run(full, true);
      if (i > 0) { // the first pair warms the file cache
        without.add(a);
        with.add(b);
      }
    }
    String[] names = {"uptime at ready (ms)", "SpringApplication.run (ms)", "loaded classes", "context close (ms)"};
    out.printf(Locale.ROOT, "%-28s %22s %22s %10s%n", "median [min..p90]", "without starter", "with starter", "delta");
    for (int m = 0; m < names.length; m++) {
      long[] w = column(without, m);
      long[] s = column(with, m);
      out.printf(Locale.ROOT, "%-28s %22s %22s %+10d%n", names[m], summary(w), summary(s), median(s) - median(w));
    }
    out.println();
    out.println("Jars the starter adds beyond spring-boot-autoconfigure:");
    long total = 0;
    for (String e : starterOnly) {
      Path p = Path.of(e);
      long size = Files.isDirectory(p) ? directorySize(p) : Files.size(p);
      total += size;
      out.printf(Locale.ROOT, "  %-60s %,10d bytes%n", p.getFileName() + (Files.isDirectory(p) ? " (" + p + ")" : ""), size);
    }
    out.printf(Locale.ROOT, "  %-60s %,10d bytes%n", "total", total);
  }

  private static long[] run(List<String> classpath, boolean withStarter) throws IOException, InterruptedException {
    Path outbox = Files.createTempDirectory("starter-startup-outbox");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=4",
        "-Dorg.springframework.boot.logging.LoggingSystem=none",
        "-cp", String.join(File.pathSeparator, classpath),
        StarterStartupHarness.class.getName(), "--child", withStarter ? "with" : "without",
        "--sharing.hub.url=https://hub.example.invalid", "--sharing.outbox.directory=" + outbox));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith("RESULT ")) {
          result = line;
        }
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || result == null) {
      process.destroyForcibly();
      throw new IllegalStateException("child failed (" + (withStarter ? "with" : "without") + " starter):\n" + all);
    }
    deleteTree(outbox);
    String[] parts = result.split(" ");
    long[] values = new long[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      values[i - 1] = Long.parseLong(parts[i]);
    }
    return values;
  }

  /** The measured application: one child JVM, prints {@code RESULT uptime run classes close}. */
  private static void child(boolean withStarter, String[] springArgs) {
    long start = System.nanoTime();
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setLogStartupInfo(false);
    application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
    ConfigurableApplicationContext context = application.run(springArgs);
    long runMillis = (System.nanoTime() - start) / 1_000_000;
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    long classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    boolean hasClient = context.getBeanNamesForType(SharingClientHolder.clientType()).length > 0;
    if (hasClient != withStarter) {
      throw new IllegalStateException("expected a SharingClient bean: " + withStarter + ", found: " + hasClient);
    }
    long closeStart = System.nanoTime();
    context.close();
    long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
    System.out.println("RESULT " + uptime + " " + runMillis + " " + classes + " " + closeMillis);
  }

  /** Resolves the client type by name, so that the baseline child never links against the core. */
  private static final class SharingClientHolder {
    static Class<?> clientType() {
      try {
        return Class.forName("org.cisharing.SharingClient");
      } catch (ClassNotFoundException e) {
        return Void.class;
      }
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private static long[] column(List<long[]> rows, int m) {
    return rows.stream().mapToLong(r -> r[m]).sorted().toArray();
  }

  private static long median(long[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static String summary(long[] sorted) {
    int p90 = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.9) - 1);
    return median(sorted) + " [" + sorted[0] + ".." + sorted[p90] + "]";
  }

  private static long directorySize(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
