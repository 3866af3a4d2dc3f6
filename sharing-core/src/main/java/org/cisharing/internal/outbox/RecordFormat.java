package org.cisharing.internal.outbox;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.OutboxEntry;

/**
 * The byte layout of one outbox file (see docs/design/outbox.md). All integers are big-endian.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "CISO" (0x4349534F)
 *      4     1  format version (1)
 *      5     1  record type (1 = pending entry, 2 = dead letter)
 *      6     2  reserved, 0
 *      8     4  body length N
 *     12     N  body
 *   12+N     4  CRC32C of bytes [0, 12+N)
 * </pre>
 *
 * <p>An entry body is: id (16: most then least significant bits), append counter (8), sequence
 * (8), enqueuedAt seconds (8) and nanos (4), kind, path, orderKey (each a string: length (4) then
 * UTF-8), payload length (4) and payload. A dead-letter body is an entry body followed by status
 * (4), dead-lettered-at seconds (8) and nanos (4), reason (string), problem present (1) and
 * problem (string, if present).
 */
public final class RecordFormat {
  public static final int MAGIC = 0x4349534F;
  public static final byte VERSION = 1;
  public static final byte TYPE_ENTRY = 1;
  public static final byte TYPE_DEAD_LETTER = 2;
  /** Segment store only: an entry (id, append counter) was acknowledged. */
  public static final byte TYPE_ACK = 3;
  /** Segment store only: a dead letter (id, append counter) was removed. */
  public static final byte TYPE_DEAD_REMOVED = 4;
  /**
   * File store only: the magic of an entry file whose entry was acknowledged ("CISA"), written over
   * {@link #MAGIC}; the rest of the record is left as it was, so its checksum (computed with {@link
   * #MAGIC}) still tells an acknowledged entry from a damaged file.
   */
  public static final int ACKNOWLEDGED_MAGIC = 0x43495341;
  public static final int HEADER_BYTES = 12;
  public static final int TRAILER_BYTES = 4;

  private RecordFormat() {}

  /** An entry as read back from disk, with the append counter that orders it. */
  public record StoredEntry(OutboxEntry entry, long counter) {}

  /** A dead letter as read back from disk, with the entry's append counter. */
  public record StoredDeadLetter(DeadLetter deadLetter, long counter) {}

  /** An acknowledgement or dead-letter removal: which entry (id and append counter) it is about. */
  public record Tombstone(UUID id, long counter) {}

  /** A record of type {@link #TYPE_ACK} or {@link #TYPE_DEAD_REMOVED}: id (16) and counter (8). */
  public static byte[] encodeTombstone(byte type, UUID id, long counter) {
    if (type != TYPE_ACK && type != TYPE_DEAD_REMOVED) {
      throw new IllegalArgumentException("not a tombstone type: " + type);
    }
    Body body = new Body(24);
    body.buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putLong(counter);
    return body.finish(type);
  }

  public static Tombstone decodeTombstone(byte[] record, byte type) throws CorruptRecordException {
    ByteBuffer body = open(record, type);
    if (body.remaining() != 24) {
      throw new CorruptRecordException("tombstone body of " + body.remaining() + " bytes, expected 24");
    }
    return new Tombstone(new UUID(body.getLong(), body.getLong()), body.getLong());
  }

  public static byte[] encodeEntry(OutboxEntry entry, long counter) {
    Body body = entryBody(entry, counter, 0);
    return body.finish(TYPE_ENTRY);
  }

  public static byte[] encodeDeadLetter(DeadLetter dead, long counter) {
    byte[] reason = utf8(dead.reason());
    byte[] problem = dead.problem() == null ? null : utf8(dead.problem());
    int extra = 4 + 12 + 4 + reason.length + 1 + (problem == null ? 0 : 4 + problem.length);
    Body body = entryBody(dead.entry(), counter, extra);
    ByteBuffer b = body.buffer;
    b.putInt(dead.status());
    b.putLong(dead.at().getEpochSecond());
    b.putInt(dead.at().getNano());
    b.putInt(reason.length).put(reason);
    if (problem == null) {
      b.put((byte) 0);
    } else {
      b.put((byte) 1).putInt(problem.length).put(problem);
    }
    return body.finish(TYPE_DEAD_LETTER);
  }

  public static StoredEntry decodeEntry(byte[] file) throws CorruptRecordException {
    ByteBuffer body = open(file, TYPE_ENTRY);
    StoredEntry e = readEntry(body);
    requireConsumed(body);
    return e;
  }

  public static StoredDeadLetter decodeDeadLetter(byte[] file) throws CorruptRecordException {
    ByteBuffer body = open(file, TYPE_DEAD_LETTER);
    StoredEntry e = readEntry(body);
    if (body.remaining() < 4 + 12) {
      throw new CorruptRecordException("body ends early in dead-letter fields");
    }
    int status = body.getInt();
    Instant at = instant(body.getLong(), body.getInt());
    String reason = readString(body, "reason");
    if (!body.hasRemaining()) {
      throw new CorruptRecordException("body ends early in dead-letter fields");
    }
    byte hasProblem = body.get();
    String problem;
    if (hasProblem == 0) {
      problem = null;
    } else if (hasProblem == 1) {
      problem = readString(body, "problem");
    } else {
      throw new CorruptRecordException("bad problem flag " + hasProblem);
    }
    requireConsumed(body);
    return new StoredDeadLetter(new DeadLetter(e.entry(), status, reason, problem, at), e.counter());
  }

  private static final class Body {
    final ByteBuffer buffer;

    Body(int bodyLength) {
      buffer = ByteBuffer.allocate(HEADER_BYTES + bodyLength + TRAILER_BYTES);
      buffer.position(HEADER_BYTES);
    }

    byte[] finish(byte type) {
      ByteBuffer b = buffer;
      int bodyLength = b.position() - HEADER_BYTES;
      b.putInt(0, MAGIC);
      b.put(4, VERSION);
      b.put(5, type);
      b.putShort(6, (short) 0);
      b.putInt(8, bodyLength);
      CRC32C crc = new CRC32C();
      crc.update(b.array(), 0, HEADER_BYTES + bodyLength);
      b.putInt((int) crc.getValue());
      if (b.hasRemaining()) {
        throw new IllegalStateException("record size miscalculated");
      }
      return b.array();
    }
  }

  private static Body entryBody(OutboxEntry entry, long counter, int extra) {
    byte[] kind = utf8(entry.kind());
    byte[] path = utf8(entry.path());
    byte[] orderKey = utf8(entry.orderKey());
    long length =
        16L + 8 + 8 + 12 + 4 + kind.length + 4 + path.length + 4 + orderKey.length + 4
            + entry.payload().length + extra;
    if (length > Integer.MAX_VALUE - HEADER_BYTES - TRAILER_BYTES - 16) {
      throw new IllegalArgumentException("entry too large to store: " + length + " bytes");
    }
    Body body = new Body((int) length);
    ByteBuffer b = body.buffer;
    b.putLong(entry.id().getMostSignificantBits()).putLong(entry.id().getLeastSignificantBits());
    b.putLong(counter);
    b.putLong(entry.sequence());
    b.putLong(entry.enqueuedAt().getEpochSecond()).putInt(entry.enqueuedAt().getNano());
    b.putInt(kind.length).put(kind);
    b.putInt(path.length).put(path);
    b.putInt(orderKey.length).put(orderKey);
    b.putInt(entry.payload().length).put(entry.payload());
    return body;
  }

  /**
   * Whether {@code file} is an unfinished write of one record: empty, or a prefix of a record
   * header, or a header (with the right magic and version) announcing more bytes than present. A
   * record whose write completed (and was forced) is never such a prefix, so a file like this can
   * only come from a write that had not returned when the process or machine stopped.
   */
  public static boolean isUnfinishedRecord(byte[] file) {
    byte[] magic = {(byte) (MAGIC >>> 24), (byte) (MAGIC >>> 16), (byte) (MAGIC >>> 8), (byte) MAGIC};
    for (int i = 0; i < Math.min(file.length, magic.length); i++) {
      if (file[i] != magic[i]) {
        return false;
      }
    }
    if (file.length < HEADER_BYTES) {
      return file.length < 5 || file[4] == VERSION;
    }
    if (file[4] != VERSION) {
      return false;
    }
    long announced = (long) HEADER_BYTES + ByteBuffer.wrap(file).getInt(8) + TRAILER_BYTES;
    return announced > file.length && announced <= Integer.MAX_VALUE;
  }

  /**
   * Whether {@code file} is a complete entry record whose magic was replaced by {@link
   * #ACKNOWLEDGED_MAGIC}: with {@link #MAGIC} put back, it must decode as an entry, checksum
   * included (so damage never passes for an acknowledgement).
   */
  public static boolean isAcknowledgedEntry(byte[] file) {
    if (file.length < HEADER_BYTES + TRAILER_BYTES || ByteBuffer.wrap(file).getInt(0) != ACKNOWLEDGED_MAGIC) {
      return false;
    }
    byte[] restored = file.clone();
    ByteBuffer.wrap(restored).putInt(0, MAGIC);
    try {
      decodeEntry(restored);
      return true;
    } catch (CorruptRecordException e) {
      return false;
    }
  }

  private static ByteBuffer open(byte[] file, byte expectedType) throws CorruptRecordException {
    if (file.length < HEADER_BYTES + TRAILER_BYTES) {
      throw new CorruptRecordException("truncated: " + file.length + " bytes, shorter than a header");
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    int magic = b.getInt(0);
    if (magic != MAGIC) {
      throw new CorruptRecordException(String.format("not an outbox record: magic 0x%08X", magic));
    }
    if (b.get(4) != VERSION) {
      throw new CorruptRecordException("unsupported format version " + b.get(4));
    }
    int bodyLength = b.getInt(8);
    long expected = (long) HEADER_BYTES + bodyLength + TRAILER_BYTES;
    if (bodyLength < 0 || expected > file.length) {
      throw new CorruptRecordException(
          "truncated: " + file.length + " bytes, header announces " + expected);
    }
    if (expected < file.length) {
      throw new CorruptRecordException(
          "trailing bytes: " + file.length + " bytes, header announces " + expected);
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, HEADER_BYTES + bodyLength);
    int stored = b.getInt(HEADER_BYTES + bodyLength);
    if (stored != (int) crc.getValue()) {
      throw new CorruptRecordException(
          String.format("checksum mismatch: stored 0x%08X, computed 0x%08X", stored, (int) crc.getValue()));
    }
    if (b.get(5) != expectedType) {
      throw new CorruptRecordException("record type " + b.get(5) + ", expected " + expectedType);
    }
    return ByteBuffer.wrap(file, HEADER_BYTES, bodyLength).slice();
  }

  private static StoredEntry readEntry(ByteBuffer b) throws CorruptRecordException {
    try {
      UUID id = new UUID(b.getLong(), b.getLong());
      long counter = b.getLong();
      long sequence = b.getLong();
      Instant enqueuedAt = instant(b.getLong(), b.getInt());
      String kind = readString(b, "kind");
      String path = readString(b, "path");
      String orderKey = readString(b, "orderKey");
      int payloadLength = b.getInt();
      if (payloadLength < 0 || payloadLength > b.remaining()) {
        throw new CorruptRecordException("bad payload length " + payloadLength);
      }
      byte[] payload = new byte[payloadLength];
      b.get(payload);
      return new StoredEntry(
          new OutboxEntry(id, kind, path, orderKey, sequence, enqueuedAt, payload), counter);
    } catch (BufferUnderflowException e) {
      throw new CorruptRecordException("body ends early");
    } catch (IllegalArgumentException e) {
      throw new CorruptRecordException("invalid entry: " + e.getMessage());
    }
  }

  private static Instant instant(long seconds, int nanos) throws CorruptRecordException {
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException | ArithmeticException e) {
      throw new CorruptRecordException("bad instant " + seconds + "s " + nanos + "ns");
    }
  }

  private static String readString(ByteBuffer b, String field) throws CorruptRecordException {
    try {
      int length = b.getInt();
      if (length < 0 || length > b.remaining()) {
        throw new CorruptRecordException("bad " + field + " length " + length);
      }
      ByteBuffer slice = b.slice().limit(length);
      b.position(b.position() + length);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (BufferUnderflowException e) {
      throw new CorruptRecordException("body ends early in " + field);
    } catch (CharacterCodingException e) {
      throw new CorruptRecordException(field + " is not UTF-8");
    }
  }

  private static void requireConsumed(ByteBuffer b) throws CorruptRecordException {
    if (b.hasRemaining()) {
      throw new CorruptRecordException(b.remaining() + " unexpected bytes at the end of the body");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
