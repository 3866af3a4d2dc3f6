package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Outbox} implementation must show: ordering per key, independent
 * keys, leases in virtual time, idempotent append, acknowledge/release/dead-letter, caps, counts,
 * persistence across a reopen and concurrent use. Extend it in a test class and implement {@link
 * #newOutbox} and {@link #reopen}; every test uses a fresh store.
 *
 * <pre>{@code
 * class MyOutboxContractTest extends OutboxContractTest {
 *   protected Outbox newOutbox(OutboxConfig config, Clock clock) { return MyOutbox.create(...); }
 *   protected Outbox reopen(OutboxConfig config, Clock clock) { return MyOutbox.open(...); }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class OutboxContractTest {
  /** Where the test clock starts. */
  protected static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  /** The lease used by the tests' claims. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  /** The virtual clock given to every outbox under test; tests move it. */
  protected MutableClock clock;

  private final List<Outbox> opened = new ArrayList<>();

  /** Creates an empty outbox over fresh storage. */
  protected abstract Outbox newOutbox(OutboxConfig config, Clock clock);

  /**
   * Opens a new instance over the storage of the last {@link #newOutbox} of this test, as after a
   * restart. The previous instance has been closed.
   */
  protected abstract Outbox reopen(OutboxConfig config, Clock clock);

  @BeforeEach
  public final void startClock() {
    clock = MutableClock.at(T0);
  }

  @AfterEach
  public final void closeOutboxes() {
    for (Outbox outbox : opened) {
      outbox.close();
    }
    opened.clear();
  }

  // -------------------------------------------------------------------------------------------
  // Appending and reading back

  @Test
  public void emptyOutboxHasNothingPending() {
    Outbox outbox = open();
    assertThat(outbox.pending()).isEmpty();
    assertThat(outbox.pendingCount()).isZero();
    assertThat(outbox.pendingBytes()).isZero();
    assertThat(outbox.oldestPending()).isEmpty();
    assertThat(outbox.claimReady(10, LEASE)).isEmpty();
    assertThat(outbox.deadLetters()).isEmpty();
    assertThat(outbox.quarantined()).isEmpty();
  }

  @Test
  public void appendedEntryIsPendingWithEveryFieldIntact() {
    Outbox outbox = open();
    byte[] payload = new byte[256];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) i; // every byte value, including 0 and invalid UTF-8
    }
    OutboxEntry entry =
        new OutboxEntry(
            UUID.randomUUID(), "feedback", "/v1/advisories/a-1/feedback", "advisory-1", 7, T0.plusNanos(123), payload);
    outbox.append(entry);

    assertThat(outbox.pending()).containsExactly(entry);
    assertThat(outbox.pending().get(0).payload()).isEqualTo(payload);
    assertThat(outbox.claimReady(1, LEASE)).containsExactly(entry);
  }

  @Test
  public void pendingListsEntriesInAppendOrder() {
    Outbox outbox = open();
    OutboxEntry a = entry("incident-b", 2);
    OutboxEntry b = entry("incident-a", 1);
    OutboxEntry c = entry("incident-b", 1);
    outbox.append(a);
    outbox.append(b);
    outbox.append(c);
    assertThat(ids(outbox.pending())).containsExactly(a.id(), b.id(), c.id());
  }

  @Test
  public void appendingAPendingIdAgainIsANoOp() {
    Outbox outbox = open();
    OutboxEntry first = entry("incident-1", 1);
    OutboxEntry sameId =
        new OutboxEntry(first.id(), "report", "/v1/reports", "incident-1", 1, T0, bytes("{\"other\":true}"));
    outbox.append(first);
    outbox.append(first);
    outbox.append(sameId);

    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(outbox.pending()).containsExactly(first);
    assertThat(outbox.pendingBytes()).isEqualTo(first.payload().length);
  }

  @Test
  public void appendingAPendingIdAgainSucceedsEvenWhenFull() {
    Outbox outbox = open(OutboxConfig.defaults().withMaxEntries(1));
    OutboxEntry only = entry("incident-1", 1);
    outbox.append(only);
    outbox.append(only);
    assertThat(outbox.pending()).containsExactly(only);
  }

  @Test
  public void countsBytesAndOldestFollowPendingEntries() {
    Outbox outbox = open();
    OutboxEntry late = entry("k1", 1, T0.plusSeconds(20), 10);
    OutboxEntry early = entry("k2", 1, T0.plusSeconds(5), 20);
    OutboxEntry middle = entry("k3", 1, T0.plusSeconds(10), 30);
    outbox.append(late);
    outbox.append(early);
    outbox.append(middle);

    assertThat(outbox.pendingCount()).isEqualTo(3);
    assertThat(outbox.pendingBytes()).isEqualTo(60);
    assertThat(outbox.oldestPending()).contains(T0.plusSeconds(5));

    outbox.acknowledge(early.id());
    assertThat(outbox.pendingCount()).isEqualTo(2);
    assertThat(outbox.pendingBytes()).isEqualTo(40);
    assertThat(outbox.oldestPending()).contains(T0.plusSeconds(10));

    outbox.deadLetter(middle.id(), 422, "invalid", null);
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(outbox.pendingBytes()).isEqualTo(10);
    assertThat(outbox.oldestPending()).contains(T0.plusSeconds(20));

    outbox.acknowledge(late.id());
    assertThat(outbox.pendingCount()).isZero();
    assertThat(outbox.pendingBytes()).isZero();
    assertThat(outbox.oldestPending()).isEmpty();
  }

  @Test
  public void pendingIncludesClaimedEntries() {
    Outbox outbox = open();
    OutboxEntry a = entry("k", 1);
    OutboxEntry b = entry("k", 2);
    outbox.append(a);
    outbox.append(b);
    outbox.claimReady(10, LEASE);
    assertThat(outbox.pending()).containsExactly(a, b);
    assertThat(outbox.pendingCount()).isEqualTo(2);
  }

  // -------------------------------------------------------------------------------------------
  // Ordering and claims

  @Test
  public void claimsOnlyTheFirstEntryOfEachKey() {
    Outbox outbox = open();
    OutboxEntry a1 = entry("a", 1);
    OutboxEntry a2 = entry("a", 2);
    OutboxEntry b1 = entry("b", 1);
    outbox.append(a1);
    outbox.append(a2);
    outbox.append(b1);

    assertThat(outbox.claimReady(10, LEASE)).containsExactly(a1, b1);
    assertThat(outbox.claimReady(10, LEASE)).isEmpty();
  }

  @Test
  public void deliversAKeyInSequenceOrderWhateverTheAppendOrder() {
    Outbox outbox = open();
    OutboxEntry third = entry("incident", 3);
    OutboxEntry first = entry("incident", 1);
    OutboxEntry second = entry("incident", 2);
    outbox.append(third);
    outbox.append(first);
    outbox.append(second);

    assertThat(drainOneByOne(outbox)).containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  public void equalSequencesGoOutInAppendOrder() {
    Outbox outbox = open();
    OutboxEntry x = entry("incident", 5);
    OutboxEntry y = entry("incident", 5);
    OutboxEntry z = entry("incident", 4);
    outbox.append(x);
    outbox.append(y);
    outbox.append(z);
    assertThat(drainOneByOne(outbox)).containsExactly(z.id(), x.id(), y.id());
  }

  @Test
  public void returnsClaimsOldestFirstAndAtMostMax() {
    Outbox outbox = open();
    List<OutboxEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      OutboxEntry e = entry("key-" + (5 - i), 1);
      entries.add(e);
      outbox.append(e);
    }
    assertThat(outbox.claimReady(2, LEASE)).containsExactly(entries.get(0), entries.get(1));
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(entries.get(2), entries.get(3), entries.get(4));
  }

  @Test
  public void otherKeysProceedWhileOneKeyIsClaimed() {
    Outbox outbox = open();
    OutboxEntry stuck = entry("stuck", 1);
    OutboxEntry stuckNext = entry("stuck", 2);
    outbox.append(stuck);
    outbox.append(stuckNext);
    assertThat(outbox.claimReady(1, LEASE)).containsExactly(stuck);

    OutboxEntry other1 = entry("other", 1);
    OutboxEntry other2 = entry("other", 2);
    outbox.append(other1);
    outbox.append(other2);
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(other1);
    outbox.acknowledge(other1.id());
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(other2);
  }

  @Test
  public void claimedKeyStaysClaimedUntilItsLeaseExpires() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(e);

    clock.advance(LEASE.minusSeconds(1));
    assertThat(outbox.claimReady(10, LEASE)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(e);
    assertThat(outbox.claimReady(10, LEASE)).isEmpty();
  }

  @Test
  public void expiredLeaseGivesTheSameEntryNotTheNextOne() {
    Outbox outbox = open();
    OutboxEntry first = entry("k", 1);
    OutboxEntry second = entry("k", 2);
    outbox.append(first);
    outbox.append(second);
    outbox.claimReady(10, Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(6));
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(first);
  }

  @Test
  public void releaseMakesTheEntryClaimableAtOnce() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.claimReady(10, LEASE);
    outbox.release(e.id());
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(e);
  }

  @Test
  public void releaseOfAnUnclaimedOrUnknownEntryChangesNothing() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.release(e.id());
    outbox.release(UUID.randomUUID());
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(e);
    assertThat(outbox.claimReady(10, LEASE)).isEmpty();
  }

  @Test
  public void refusesNonsenseClaims() {
    Outbox outbox = open();
    assertThatThrownBy(() -> outbox.claimReady(0, LEASE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.claimReady(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> outbox.claimReady(1, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> outbox.append(null)).isInstanceOf(NullPointerException.class);
  }

  // -------------------------------------------------------------------------------------------
  // Acknowledge and dead letters

  @Test
  public void acknowledgeRemovesTheEntryAndUnblocksTheNextOfItsKey() {
    Outbox outbox = open();
    OutboxEntry first = entry("k", 1);
    OutboxEntry second = entry("k", 2);
    outbox.append(first);
    outbox.append(second);
    outbox.claimReady(10, LEASE);
    outbox.acknowledge(first.id());

    assertThat(outbox.pending()).containsExactly(second);
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(second);
  }

  @Test
  public void acknowledgeIgnoresUnknownAndRepeatedIds() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.acknowledge(UUID.randomUUID());
    outbox.acknowledge(e.id());
    outbox.acknowledge(e.id());
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  public void acknowledgeWorksWithoutAClaim() {
    Outbox outbox = open();
    OutboxEntry first = entry("k", 1);
    OutboxEntry second = entry("k", 2);
    outbox.append(first);
    outbox.append(second);
    outbox.acknowledge(second.id());
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(first);
  }

  @Test
  public void deadLetterKeepsTheEntryAndTheHubsAnswer() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.claimReady(10, LEASE);
    clock.advance(Duration.ofSeconds(3));
    String problem = "{\"type\":\"https://hub.example/problems/invalid\",\"status\":422}";
    outbox.deadLetter(e.id(), 422, "report rejected: invalid", problem);

    assertThat(outbox.pending()).isEmpty();
    assertThat(outbox.deadLetters())
        .containsExactly(new DeadLetter(e, 422, "report rejected: invalid", problem, T0.plusSeconds(3)));
  }

  @Test
  public void deadLetterWithoutProblemDocument() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.deadLetter(e.id(), 403, "forbidden", null);
    DeadLetter letter = outbox.deadLetters().get(0);
    assertThat(letter.problem()).isNull();
    assertThat(letter.status()).isEqualTo(403);
    assertThat(letter.entry()).isEqualTo(e);
  }

  @Test
  public void deadLetterUnblocksTheNextEntryOfItsKey() {
    Outbox outbox = open();
    OutboxEntry first = entry("k", 1);
    OutboxEntry second = entry("k", 2);
    outbox.append(first);
    outbox.append(second);
    outbox.claimReady(10, LEASE);
    outbox.deadLetter(first.id(), 409, "conflict", null);
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(second);
  }

  @Test
  public void deadLettersAreListedOldestFirst() {
    Outbox outbox = open();
    OutboxEntry a = entry("a", 1);
    OutboxEntry b = entry("b", 1);
    outbox.append(a);
    outbox.append(b);
    outbox.deadLetter(b.id(), 400, "bad request", null);
    clock.advance(Duration.ofMinutes(1));
    outbox.deadLetter(a.id(), 413, "too large", null);
    assertThat(outbox.deadLetters()).extracting(d -> d.entry().id()).containsExactly(b.id(), a.id());
  }

  @Test
  public void deadLetterOfAnUnknownIdChangesNothing() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.deadLetter(UUID.randomUUID(), 422, "invalid", null);
    assertThat(outbox.deadLetters()).isEmpty();
    assertThat(outbox.pending()).containsExactly(e);
  }

  @Test
  public void removesADeadLetterDurablyAndIgnoresUnknownIds() {
    Outbox outbox = open();
    OutboxEntry a = entry("a", 1);
    OutboxEntry b = entry("b", 1);
    outbox.append(a);
    outbox.append(b);
    outbox.deadLetter(a.id(), 401, "unauthorized", null);
    outbox.deadLetter(b.id(), 422, "invalid", null);
    assertThat(outbox.removeDeadLetter(a.id())).isTrue();
    assertThat(outbox.removeDeadLetter(a.id())).isFalse();
    assertThat(outbox.removeDeadLetter(UUID.randomUUID())).isFalse();
    assertThat(outbox.deadLetters()).extracting(d -> d.entry().id()).containsExactly(b.id());
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    assertThat(again.deadLetters()).extracting(d -> d.entry().id()).containsExactly(b.id());
  }

  @Test
  public void aDeadLetterCanBeAppendedAgainUnderItsIdThenRemoved() {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.deadLetter(e.id(), 401, "unauthorized", null);
    outbox.append(e);
    outbox.removeDeadLetter(e.id());
    assertThat(outbox.deadLetters()).isEmpty();
    assertThat(outbox.claimReady(10, LEASE)).extracting(OutboxEntry::id).containsExactly(e.id());
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    assertThat(again.pending()).extracting(OutboxEntry::id).containsExactly(e.id());
    assertThat(again.deadLetters()).isEmpty();
  }

  // -------------------------------------------------------------------------------------------
  // Caps

  @Test
  public void refusesEntriesBeyondTheEntryCapWithoutEvicting() {
    Outbox outbox = open(OutboxConfig.defaults().withMaxEntries(3));
    List<OutboxEntry> stored = List.of(entry("a", 1), entry("b", 1), entry("c", 1));
    stored.forEach(outbox::append);

    assertThatThrownBy(() -> outbox.append(entry("d", 1)))
        .isInstanceOf(OutboxFullException.class)
        .hasMessageContaining("entr")
        .hasMessageContaining("3");
    assertThat(outbox.pending()).containsExactlyElementsOf(stored);
  }

  @Test
  public void refusesEntriesBeyondTheByteCapWithoutEvicting() {
    Outbox outbox = open(OutboxConfig.defaults().withMaxBytes(100));
    OutboxEntry sixty = entry("a", 1, T0, 60);
    outbox.append(sixty);

    assertThatThrownBy(() -> outbox.append(entry("b", 1, T0, 41)))
        .isInstanceOf(OutboxFullException.class)
        .hasMessageContaining("byte")
        .hasMessageContaining("100");
    assertThat(outbox.pending()).containsExactly(sixty);

    OutboxEntry forty = entry("b", 1, T0, 40);
    outbox.append(forty);
    assertThat(outbox.pendingBytes()).isEqualTo(100);
  }

  @Test
  public void acceptsAgainOnceAnAcknowledgementFreesRoom() {
    Outbox outbox = open(OutboxConfig.defaults().withMaxEntries(2));
    OutboxEntry a = entry("a", 1);
    outbox.append(a);
    outbox.append(entry("b", 1));
    assertThatThrownBy(() -> outbox.append(entry("c", 1))).isInstanceOf(OutboxFullException.class);
    outbox.acknowledge(a.id());
    OutboxEntry c = entry("c", 1);
    outbox.append(c);
    assertThat(ids(outbox.pending())).contains(c.id()).hasSize(2);
  }

  // -------------------------------------------------------------------------------------------
  // Persistence

  @Test
  public void pendingEntriesSurviveAReopenInOrder() {
    Outbox outbox = open();
    OutboxEntry a2 = entry("a", 2);
    OutboxEntry a1 = entry("a", 1);
    OutboxEntry b1 = entry("b", 1);
    outbox.append(a2);
    outbox.append(a1);
    outbox.append(b1);
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    assertThat(again.pending()).containsExactly(a2, a1, b1);
    assertThat(again.pendingBytes()).isEqualTo(a1.payload().length + a2.payload().length + b1.payload().length);
    assertThat(drainOneByOne(again)).containsExactly(a1.id(), a2.id(), b1.id());
  }

  @Test
  public void aClaimLeftByAStoppedInstanceIsReadyOnceItsLeaseExpires() {
    // A store may keep leases (a shared database must) or drop them on restart (a local file
    // store may); either way the entry must be deliverable after the lease.
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.claimReady(10, LEASE);
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    clock.advance(LEASE);
    assertThat(again.claimReady(10, LEASE)).containsExactly(e);
  }

  @Test
  public void acknowledgedAndDeadLetteredEntriesStayGoneAfterAReopen() {
    Outbox outbox = open();
    OutboxEntry acked = entry("a", 1);
    OutboxEntry refused = entry("b", 1);
    OutboxEntry kept = entry("c", 1);
    outbox.append(acked);
    outbox.append(refused);
    outbox.append(kept);
    outbox.acknowledge(acked.id());
    outbox.deadLetter(refused.id(), 422, "invalid", "{\"status\":422}");
    List<DeadLetter> before = outbox.deadLetters();
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    assertThat(again.pending()).containsExactly(kept);
    assertThat(again.deadLetters()).isEqualTo(before);
    assertThat(again.quarantined()).isEmpty();
  }

  @Test
  public void appendAfterAReopenKeepsAppendOrderAfterOlderEntries() {
    Outbox outbox = open();
    OutboxEntry old = entry("k", 1);
    outbox.append(old);
    outbox.close();

    Outbox again = reopenTracked(OutboxConfig.defaults());
    OutboxEntry fresh = entry("k", 1);
    again.append(fresh);
    assertThat(ids(again.pending())).containsExactly(old.id(), fresh.id());
    assertThat(drainOneByOne(again)).containsExactly(old.id(), fresh.id());
  }

  @Test
  public void closeIsIdempotent() {
    Outbox outbox = open();
    outbox.append(entry("k", 1));
    outbox.close();
    outbox.close();
    assertThat(reopenTracked(OutboxConfig.defaults()).pendingCount()).isEqualTo(1);
  }

  // -------------------------------------------------------------------------------------------
  // Concurrency

  @Test
  public void concurrentAppendsLoseNothing() throws Exception {
    Outbox outbox = open();
    int threads = 8;
    int perThread = 40;
    Set<UUID> appended = ConcurrentHashMap.newKeySet();
    runConcurrently(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            OutboxEntry e = entry("thread-" + t + "-key-" + (i % 3), i);
            outbox.append(e);
            appended.add(e.id());
          }
        });
    assertThat(outbox.pendingCount()).isEqualTo(threads * perThread);
    assertThat(new HashSet<>(ids(outbox.pending()))).isEqualTo(appended);
  }

  @Test
  public void concurrentAppendsOfTheSameIdStoreItOnce() throws Exception {
    Outbox outbox = open();
    OutboxEntry e = entry("k", 1);
    runConcurrently(8, t -> outbox.append(e));
    assertThat(outbox.pending()).containsExactly(e);
  }

  @Test
  public void concurrentAppendsNeverOvershootTheCap() throws Exception {
    Outbox outbox = open(OutboxConfig.defaults().withMaxEntries(50));
    Set<UUID> accepted = ConcurrentHashMap.newKeySet();
    runConcurrently(
        8,
        t -> {
          for (int i = 0; i < 10; i++) {
            OutboxEntry e = entry("t" + t, i);
            try {
              outbox.append(e);
              accepted.add(e.id());
            } catch (OutboxFullException full) {
              // expected for 30 of the 80
            }
          }
        });
    assertThat(accepted).hasSize(50);
    assertThat(new HashSet<>(ids(outbox.pending()))).isEqualTo(accepted);
  }

  @Test
  public void concurrentDeliveryKeepsEachKeyInOrderAndDeliversEachEntryOnce() throws Exception {
    Outbox outbox = open();
    int keys = 6;
    int perKey = 15;
    Map<String, List<Long>> expected = new HashMap<>();
    for (int s = 0; s < perKey; s++) {
      for (int k = 0; k < keys; k++) {
        outbox.append(entry("incident-" + k, s));
        expected.computeIfAbsent("incident-" + k, x -> new ArrayList<>()).add((long) s);
      }
    }
    Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
    Set<UUID> deliveredIds = ConcurrentHashMap.newKeySet();
    List<UUID> duplicates = Collections.synchronizedList(new ArrayList<>());
    runConcurrently(
        4,
        t -> {
          for (int round = 0; round < 10_000 && outbox.pendingCount() > 0; round++) {
            for (OutboxEntry e : outbox.claimReady(3, LEASE)) {
              delivered.computeIfAbsent(e.orderKey(), x -> Collections.synchronizedList(new ArrayList<>())).add(e.sequence());
              if (!deliveredIds.add(e.id())) {
                duplicates.add(e.id());
              }
              outbox.acknowledge(e.id());
            }
          }
        });
    assertThat(outbox.pendingCount()).isZero();
    assertThat(duplicates).isEmpty();
    assertThat(delivered).isEqualTo(expected);
  }

  // -------------------------------------------------------------------------------------------
  // Helpers for subclasses

  /** An outbox with default caps, closed after the test. */
  protected final Outbox open() {
    return open(OutboxConfig.defaults());
  }

  /** An outbox with {@code config}, closed after the test. */
  protected final Outbox open(OutboxConfig config) {
    Outbox outbox = newOutbox(config, clock);
    opened.add(outbox);
    return outbox;
  }

  /** {@link #reopen}, closed after the test. */
  protected final Outbox reopenTracked(OutboxConfig config) {
    Outbox outbox = reopen(config, clock);
    opened.add(outbox);
    return outbox;
  }

  /** A report entry for {@code orderKey} at {@code sequence}, enqueued now, with a small payload. */
  protected final OutboxEntry entry(String orderKey, long sequence) {
    UUID id = UUID.randomUUID();
    String json = "{\"id\":\"" + id + "\",\"incident\":\"" + orderKey + "\",\"revision\":" + sequence + "}";
    return new OutboxEntry(id, "report", "/v1/reports", orderKey, sequence, clock.instant(), bytes(json));
  }

  /** An entry with a payload of exactly {@code payloadBytes} bytes. */
  protected static OutboxEntry entry(String orderKey, long sequence, Instant enqueuedAt, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    java.util.Arrays.fill(payload, (byte) 'x');
    return new OutboxEntry(UUID.randomUUID(), "report", "/v1/reports", orderKey, sequence, enqueuedAt, payload);
  }

  /** Claims, acknowledges and records one entry at a time until nothing is ready. */
  protected static List<UUID> drainOneByOne(Outbox outbox) {
    List<UUID> order = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      List<OutboxEntry> claimed = outbox.claimReady(1, LEASE);
      if (claimed.isEmpty()) {
        return order;
      }
      order.add(claimed.get(0).id());
      outbox.acknowledge(claimed.get(0).id());
    }
    throw new AssertionError("the outbox never ran dry");
  }

  protected static List<UUID> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::id).collect(Collectors.toList());
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What one of several threads does; {@code thread} is its index. */
  @FunctionalInterface
  protected interface ThreadBody {
    void run(int thread) throws Exception;
  }

  /** Starts {@code threads} threads together, waits up to 60 s for all and rethrows the first failure. */
  protected static void runConcurrently(int threads, ThreadBody body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Callable<Void> task =
            () -> {
              start.await();
              body.run(thread);
              return null;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Void> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
