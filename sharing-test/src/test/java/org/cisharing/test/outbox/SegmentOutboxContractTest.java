package org.cisharing.test.outbox;

import java.nio.file.Path;
import java.time.Clock;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.SegmentOutbox;
import org.junit.jupiter.api.io.TempDir;

class SegmentOutboxContractTest extends OutboxContractTest {
  @TempDir Path directory;

  @Override
  protected Outbox newOutbox(OutboxConfig config, Clock clock) {
    return SegmentOutbox.open(directory.resolve("outbox"), config, clock);
  }

  @Override
  protected Outbox reopen(OutboxConfig config, Clock clock) {
    return SegmentOutbox.open(directory.resolve("outbox"), config, clock);
  }
}
