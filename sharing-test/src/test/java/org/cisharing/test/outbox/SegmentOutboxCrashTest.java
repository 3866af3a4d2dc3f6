package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingException;
import org.cisharing.outbox.SegmentOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real child JVM with SIGKILL while it appends to a {@link SegmentOutbox} (small segments,
 * so that rolls and compaction happen), then checks that every id the child was told is durable is
 * pending exactly once after reopening; acknowledges some between rounds.
 */
class SegmentOutboxCrashTest {
  private static final String END = "<end of output>";
  private static final long SEGMENT_BYTES = 16 * 1024;

  @TempDir Path tmp;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyAcknowledgedAppendSurvivesKillDashNineExactlyOnce() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path dir = tmp.resolve("outbox");
    Set<UUID> acknowledged = new HashSet<>();
    Set<UUID> delivered = new HashSet<>();
    for (int round = 1; round <= 3; round++) {
      Child child = Child.start(dir, 4, tmp.resolve("child-" + round + ".log"));
      try {
        child.awaitLine("READY");
        if (round == 1) {
          assertThatThrownBy(() -> SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC()))
              .as("a second process must not open a locked directory")
              .isInstanceOf(SharingException.class)
              .hasMessageContaining(dir.toString());
        }
        int killAfter = 20 + random.nextInt(300);
        List<UUID> printed = child.readIds(killAfter, 10_000);
        child.kill();
        printed.addAll(child.drainIds());
        acknowledged.addAll(printed);
      } finally {
        child.kill();
      }

      try (SegmentOutbox outbox =
          SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC(), SEGMENT_BYTES)) {
        List<UUID> pending = new ArrayList<>();
        for (OutboxEntry e : outbox.pending()) {
          pending.add(e.id());
        }
        String context = "round " + round + ", seed " + seed;
        assertThat(pending).as(context).doesNotHaveDuplicates();
        assertThat(pending).as(context).containsAll(acknowledged);
        // At most one in-flight append per child thread per round may have become durable unseen.
        assertThat(pending.size() - acknowledged.size()).as(context).isBetween(0, 4 * round);
        for (Quarantined q : outbox.quarantined()) {
          assertThat(acknowledged).as(context).noneMatch(id -> q.location().contains(id.toString()));
        }
        assertThat(outbox.quarantined()).as(context + ": kill -9 keeps the page cache, nothing is torn").isEmpty();
        assertThat(pending).as(context + ": acknowledged in an earlier round").noneMatch(delivered::contains);
        // The hub takes every other entry: their acknowledgements let old segments go.
        int i = 0;
        for (UUID id : pending) {
          if (i++ % 2 == 0) {
            outbox.acknowledge(id);
            delivered.add(id);
            acknowledged.remove(id);
          }
        }
      }
    }
    assertThat(acknowledged.size() + delivered.size()).isGreaterThan(60);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRefusedSecondOpenInThisProcessKeepsOtherProcessesOut() throws Exception {
    Path dir = tmp.resolve("outbox");
    try (SegmentOutbox outbox = SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
      assertThatThrownBy(() -> SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC()))
          .isInstanceOf(SharingException.class)
          .hasMessageContaining("already in use");

      Path log = tmp.resolve("child.log");
      Child child = Child.start(dir, 1, log);
      try {
        assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).as("child gave up").isTrue();
        assertThat(child.process.exitValue()).isNotZero();
        assertThat(child.drainIds()).isEmpty();
        assertThat(Files.readString(log)).contains("already in use").contains(dir.toString());
        assertThat(outbox.pendingCount()).isZero();
      } finally {
        child.kill();
      }
    }
  }

  /** A child JVM running {@link OutboxCrashChild}, its stdout read line by line. */
  private static final class Child {
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private Child(Process process) {
      this.process = process;
      this.reader = new Thread(this::pump, "child-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path dir, int threads, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-Xshare:auto",
                  "-cp",
                  System.getProperty("java.class.path"),
                  OutboxCrashChild.class.getName(),
                  dir.toString(),
                  Integer.toString(threads),
                  "segment",
                  Long.toString(SEGMENT_BYTES))
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new Child(builder.start());
    }

    private void pump() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        lines.add(END);
      }
    }

    void awaitLine(String expected) throws InterruptedException {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("first line of the child").isEqualTo(expected);
    }

    /** Reads until {@code count} ids were printed (or the time is up). */
    List<UUID> readIds(int count, long timeoutMillis) throws InterruptedException {
      List<UUID> ids = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (ids.size() < count && System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          continue;
        }
        if (line.equals(END)) {
          throw new AssertionError("the child died on its own");
        }
        ids.add(UUID.fromString(line));
      }
      return ids;
    }

    /** After the kill: the ids still in the pipe. A line cut short by the kill was never complete. */
    List<UUID> drainIds() throws InterruptedException {
      reader.join(10_000);
      List<UUID> ids = new ArrayList<>();
      for (String line = lines.poll(); line != null && !line.equals(END); line = lines.poll()) {
        if (line.length() == 36) {
          ids.add(UUID.fromString(line));
        }
      }
      return ids;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL on Linux
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("child exited").isTrue();
    }
  }
}
