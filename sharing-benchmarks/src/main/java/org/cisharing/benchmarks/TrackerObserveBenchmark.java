package org.cisharing.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.TrackerStats;
import org.cisharing.scope.Observation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The cost of {@link IncidentTracker#observe} on the calling thread, with the tracker's worker
 * running (default configuration, a sink that counts reports), as a latency distribution
 * ({@code Mode.SampleTime}: p50, p99, p99.9), from one and from two producer threads.
 *
 * <p>Two workloads: {@code storm-mix}, the storm's observations (10,000 systems, see {@link
 * TrackerWorkload}), which the worker cannot classify and correlate as fast as a thread can offer
 * them, so the hand-off queue is full most of the time and most calls take the shed path; and
 * {@code out-of-scope}, observations without signal that the worker discards quickly, so that the
 * queue has room and more calls take the accepted path (enqueue). {@code observe} does the same
 * work whatever the observation holds. After each iteration the benchmark prints how many calls
 * were accepted and shed, and the bytes allocated per call by the producer thread itself ({@code
 * -prof gc} counts the worker's allocations too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrackerObserveBenchmark {
  private static final int RING = 1 << 16;

  @Param({"storm-mix", "out-of-scope"})
  public String workload;

  private IncidentTracker tracker;
  private final LongAdder reports = new LongAdder();
  private Observation[] ring;
  private TrackerStats before;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    ring = new Observation[RING];
    if ("storm-mix".equals(workload)) {
      Observation[][] sources = TrackerWorkload.sources(10_000, 42);
      for (int i = 0; i < RING; i++) {
        Observation[] s = sources[random.nextInt(sources.length)];
        ring[i] = s[random.nextInt(1_000) == 0 ? 1 : 0];
      }
    } else if ("out-of-scope".equals(workload)) {
      Observation[] quiet = TrackerWorkload.outOfScope(1_000);
      for (int i = 0; i < RING; i++) {
        ring[i] = quiet[random.nextInt(quiet.length)];
      }
    } else {
      throw new IllegalArgumentException("unknown workload " + workload);
    }
    tracker =
        IncidentTracker.builder()
            .reporter(TrackerWorkload.REPORTER)
            .zone(TrackerWorkload.ZONE)
            .sink(report -> reports.increment())
            .build();
  }

  @Setup(Level.Iteration)
  public void markIteration() {
    before = tracker.stats();
  }

  @TearDown(Level.Iteration)
  public void printIteration() {
    TrackerStats now = tracker.stats();
    long offered = now.offered() - before.offered();
    long shed = now.shedQueueFull() - before.shedQueueFull();
    long processed =
        (now.tracked() + now.outOfScope() + now.shedInvalid())
            - (before.tracked() + before.outOfScope() + before.shedInvalid());
    System.out.printf(
        Locale.ROOT,
        "%n  [tracker] offered %,d: accepted %,d (%.1f %%), shed (queue full) %,d; worker processed %,d;"
            + " queue %,d; open incidents %d; reports so far %,d%n",
        offered,
        offered - shed,
        offered == 0 ? 0.0 : 100.0 * (offered - shed) / offered,
        shed,
        processed,
        now.queued(),
        now.openIncidents(),
        reports.sum());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    tracker.close();
  }

  /** One producer thread's position in the ring and its own allocation. */
  @State(Scope.Thread)
  public static class Producer {
    int next;
    long calls;
    private long allocatedAtStart;

    @Setup(Level.Iteration)
    public void start() {
      next = (int) (Thread.currentThread().getId() * 7919) & (RING - 1);
      calls = 0;
      allocatedAtStart = allocatedBytes();
    }

    @TearDown(Level.Iteration)
    public void report() {
      long bytes = allocatedBytes() - allocatedAtStart;
      System.out.printf(
          Locale.ROOT,
          "  [producer %s] %,d calls, %.2f bytes allocated per call on this thread%n",
          Thread.currentThread().getName(),
          calls,
          calls == 0 ? 0.0 : (double) bytes / calls);
    }

    private static long allocatedBytes() {
      return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
  }

  @Benchmark
  public boolean observe(Producer p) {
    p.calls++;
    Observation o = ring[p.next];
    p.next = (p.next + 1) & (RING - 1);
    return tracker.observe(o);
  }

  @Benchmark
  @Threads(2)
  public boolean observeTwoProducers(Producer p) {
    p.calls++;
    Observation o = ring[p.next];
    p.next = (p.next + 1) & (RING - 1);
    return tracker.observe(o);
  }
}
