package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cisharing.outbox.SegmentOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails half-way, as on a full disk, simulated with a file-size limit ({@code ulimit
 * -f}) on a child JVM: the write gets a short count, then {@code EFBIG}. Linux (or any system with
 * bash and {@code ulimit -f}) only.
 */
class SegmentOutboxWriteFailureTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRecordFailingHalfWayThrowsSharingExceptionIsCutOffAndTheLogStaysUsable()
      throws IOException, InterruptedException {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"), "needs ulimit -f");
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs /bin/bash");
    Path dir = tmp.resolve("outbox");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                "/bin/bash",
                "-c",
                "ulimit -f 16 && exec \"$0\" \"$@\"", // 16 KiB per file for the child
                java,
                "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SegmentWriteFailureChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("child.log").toFile()))
            .start();
    List<String> lines;
    try {
      lines =
          new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .collect(Collectors.toList());
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("child output: %s", lines).isZero();

    assertThat(lines).as("output").hasSize(7);
    assertThat(lines.get(3))
        .startsWith("FAILED org.cisharing.SharingException: Could not store outbox entry")
        .contains("File too large");
    assertThat(lines.get(4)).as("the partial record was taken back").isEqualTo("GROWN 0");
    assertThat(lines.get(5)).isEqualTo("PENDING 3");
    List<UUID> stored =
        lines.stream()
            .filter(l -> l.startsWith("OK "))
            .map(l -> UUID.fromString(l.substring(3)))
            .collect(Collectors.toList());
    assertThat(stored).hasSize(4);

    try (SegmentOutbox outbox = SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
      assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactlyElementsOf(stored);
      assertThat(outbox.quarantined()).isEmpty();
    }
  }
}
