package org.cisharing.internal.outbox;

import java.util.UUID;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxFullException;

/** The one check of an outbox's caps, shared by every store, with the same message everywhere. */
public final class Caps {
  private Caps() {}

  /**
   * Refuses an entry of {@code size} bytes when {@code entries} stored (and reserved) entries or
   * {@code bytes} stored bytes leave no room for it.
   *
   * @param outbox names the outbox in the message, e.g. its directory
   * @throws OutboxFullException saying which cap and the numbers; nothing is evicted
   */
  public static void check(String outbox, OutboxConfig caps, long entries, long bytes, UUID id, int size) {
    if (entries >= caps.maxEntries()) {
      throw new OutboxFullException("Outbox " + outbox + " is full: entry cap reached (" + entries + " of "
          + caps.maxEntries() + " entries); refused entry " + id + ", nothing was evicted");
    }
    if (bytes + size > caps.maxBytes()) {
      throw new OutboxFullException("Outbox " + outbox + " is full: byte cap reached (" + bytes + " bytes stored + "
          + size + " bytes of entry " + id + " > cap of " + caps.maxBytes()
          + " bytes); refused the entry, nothing was evicted");
    }
  }
}
