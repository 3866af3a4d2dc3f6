package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingException;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.cisharing.outbox.SegmentOutbox;
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
        List<String> unseen = new ArrayList<>();
        for (OutboxEntry e : outbox.pending()) {
          if (!acknowledged.contains(e.id())) {
            unseen.add(e.orderKey() + "#" + e.sequence());
          }
        }
        assertThat(pending.size() - acknowledged.size()).as(context + ", unseen " + unseen).isBetween(0, 4 * round);
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

  /**
   * A child JVM running {@link OutboxCrashChild}, its stdout redirected to a file: what a killed
   * process wrote to a file stays readable, where lines still in a pipe can be lost in a race
   * between the reader and the JDK's process reaper.
   */
  private static final class Child {
    private final Process process;
    private final Path out;

    private Child(Process process, Path out) {
      this.process = process;
      this.out = out;
    }

    static Child start(Path dir, int threads, Path log) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Path out = log.resolveSibling(log.getFileName() + ".out");
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
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new Child(builder.start(), out);
    }

    /** The complete lines written so far (a last line without its newline is not complete). */
    private List<String> lines() throws IOException {
      String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }

    void awaitLine(String expected) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (lines().isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20); // bounded polling of a real process
      }
      assertThat(lines()).as("first line of the child").first().isEqualTo(expected);
    }

    /** Waits until {@code count} ids were printed (or the time is up); returns them. */
    List<UUID> readIds(int count, long timeoutMillis) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (ids().size() < count && System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("the child died on its own");
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      return ids();
    }

    /** Every id printed, read from the file; after the kill, the complete record of what was said. */
    List<UUID> drainIds() throws IOException {
      return ids();
    }

    private List<UUID> ids() throws IOException {
      List<UUID> ids = new ArrayList<>();
      for (String line : lines()) {
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
