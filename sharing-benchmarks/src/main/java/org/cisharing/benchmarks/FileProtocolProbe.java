package org.cisharing.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the time of a one-file-per-entry durable write goes: the raw limit (append + force on one
 * file) against four single-threaded orderings of file creation, force, rename and directory
 * force, interleaved in rounds. Used to explain the figures of {@link OutboxSubmitHarness}; not a
 * test of the library.
 *
 * <p>Usage: {@code java -cp sharing-benchmarks/target/benchmarks.jar
 * org.cisharing.benchmarks.FileProtocolProbe [rounds=8] [ops-per-round=200] [work-dir]}.
 */
public final class FileProtocolProbe {
  private static final String[] NAMES = {
    "raw: append + force, one file",
    "tmp, force, rename, force dir (FileOutbox)",
    "tmp, rename, force, force dir",
    "pre-created tmp, force, rename, force dir",
    "final name, force, force dir (no rename)",
    "pre-created tmp, fdatasync (durable here), rename, no dir force (FileOutbox prepared files)",
    "pre-created tmp, fdatasync, no rename",
    "create an empty file only (no write, no force)"
  };

  private final byte[] record = new byte[1613];
  private final Path dir;
  private final FileChannel dirChannel;
  private final FileChannel raw;
  private int seq;

  private FileProtocolProbe(Path dir) throws IOException {
    this.dir = dir;
    this.dirChannel = FileChannel.open(dir, StandardOpenOption.READ);
    this.raw =
        FileChannel.open(dir.resolve("raw.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path dir =
        (args.length > 2 ? Path.of(args[2]) : Path.of("sharing-benchmarks", "target", "protocol-probe"))
            .toAbsolutePath();
    Files.createDirectories(dir);
    FileProtocolProbe probe = new FileProtocolProbe(dir);
    long[] nanos = new long[NAMES.length];
    try {
      for (int round = 0; round < rounds; round++) {
        for (int v = 0; v < NAMES.length; v++) {
          List<Path> spares = new ArrayList<>();
          if (v == 3 || v == 5 || v == 6) {
            for (int i = 0; i < n; i++) {
              spares.add(Files.createFile(dir.resolve("spare-" + probe.seq++ + ".tmp")));
            }
            probe.dirChannel.force(true);
          }
          long start = System.nanoTime();
          for (int i = 0; i < n; i++) {
            probe.op(v, spares.isEmpty() ? null : spares.get(i));
          }
          nanos[v] += System.nanoTime() - start;
        }
      }
    } finally {
      probe.dirChannel.close();
      probe.raw.close();
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
    System.out.println("| single-threaded protocol | ops/s | vs raw |");
    System.out.println("|---|---:|---:|");
    for (int v = 0; v < NAMES.length; v++) {
      System.out.printf(
          Locale.ROOT, "| %s | %,.0f | %.2fx |%n", NAMES[v], (double) rounds * n * 1e9 / nanos[v], (double) nanos[0] / nanos[v]);
    }
  }

  private void op(int variant, Path spare) throws IOException {
    int i = seq++;
    Path tmp = dir.resolve(i + ".tmp");
    Path fin = dir.resolve(i + ".entry");
    switch (variant) {
      case 0:
        raw.write(ByteBuffer.wrap(record));
        raw.force(false);
        break;
      case 1:
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          ch.force(true);
        }
        Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
        dirChannel.force(true);
        break;
      case 2:
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          Files.move(tmp, fin, StandardCopyOption.ATOMIC_MOVE);
          ch.force(true);
        }
        dirChannel.force(true);
        break;
      case 3:
        try (FileChannel ch = FileChannel.open(spare, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          ch.force(true);
        }
        Files.move(spare, fin, StandardCopyOption.ATOMIC_MOVE);
        dirChannel.force(true);
        break;
      case 5:
        try (FileChannel ch = FileChannel.open(spare, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          ch.force(false);
        }
        Files.move(spare, fin, StandardCopyOption.ATOMIC_MOVE);
        break;
      case 6:
        try (FileChannel ch = FileChannel.open(spare, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          ch.force(false);
        }
        break;
      case 7:
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        break;
      case 4:
        try (FileChannel ch = FileChannel.open(fin, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(record));
          ch.force(true);
        }
        dirChannel.force(true);
        break;
      default:
        throw new IllegalArgumentException("variant " + variant);
    }
  }
}
