package org.cisharing.test.outbox;

import java.nio.file.Path;
import java.time.Clock;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxContractTest extends OutboxContractTest {
  @TempDir Path directory;

  @Override
  protected Outbox newOutbox(OutboxConfig config, Clock clock) {
    return FileOutbox.open(directory.resolve("outbox"), config, clock);
  }

  @Override
  protected Outbox reopen(OutboxConfig config, Clock clock) {
    return FileOutbox.open(directory.resolve("outbox"), config, clock);
  }
}
