package org.cisharing.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncTest {
  @TempDir Path dir;

  @Test
  void oneCallerAloneRunsOneFsyncPerSync() throws Exception {
    try (DirectorySync sync = DirectorySync.open(dir)) {
      for (int i = 0; i < 5; i++) {
        Files.createFile(dir.resolve("f" + i));
        sync.sync();
      }
      assertThat(sync.fsyncs()).isEqualTo(5);
    }
  }

  @Test
  void concurrentCallersShareFsyncs() throws Exception {
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (DirectorySync sync = DirectorySync.open(dir)) {
      // Each caller waits for the others at every step: with 8 callers arriving together, one
      // fsync must cover several of them.
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    Files.createFile(dir.resolve(thread + "-" + i));
                    barrier.await(10, TimeUnit.SECONDS);
                    sync.sync();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      // Without group commit this would be 400 (one per call); typically it is 2-3 per round.
      assertThat(sync.fsyncs()).isLessThan(threads * perThread * 3L / 4);
    } finally {
      pool.shutdownNow();
    }
  }
}
