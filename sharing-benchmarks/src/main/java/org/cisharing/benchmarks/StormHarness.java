package org.cisharing.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.cisharing.incident.Incident;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.ReportSink;
import org.cisharing.incident.TrackerStats;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.ObservationSummary;
import org.cisharing.report.ReportStage;
import org.cisharing.scope.Observation;

/**
 * A sustained observation storm against an {@link IncidentTracker} with its default configuration
 * (1,000 open incidents at most, a 65,536-slot hand-off queue, 1 h quiet period): producer threads
 * offer observations from many distinct systems at a paced rate for a while, the sink keeps every
 * report in memory; then the producers stop, the tracker is flushed, its virtual clock jumps past
 * the quiet period and every incident files its final report. Prints what was offered and
 * achieved, reports by stage, heap, {@code observe} latency, and checks that every observation is
 * accounted for: exits 1 if the accounting does not add up.
 *
 * <p>Usage (from the repository root, after {@code ./mvnw -B -pl sharing-benchmarks -am package
 * -DskipTests}): {@code java -Xmx128m -cp sharing-benchmarks/target/benchmarks.jar
 * org.cisharing.benchmarks.StormHarness [rate=1000000] [seconds=30] [sources=10000] [producers=2]
 * [speed=1] [probe=none|flush] [sinkMicros=0] [loseEvery=0]}. {@code speed} makes the tracker's clock run faster than real time
 * (e.g. 240: the 30 s storm covers 2 h of tracker time, enough for updates). {@code probe=flush}
 * calls {@code flush} and {@code incidents} in the middle of the storm and times them. {@code
 * sinkMicros} makes the sink wait that long per report, as a durable outbox's append would; {@code
 * loseEvery=n} makes it lose every n-th report, to see the accounting check fail.
 */
public final class StormHarness {
  private static final int SAMPLE_EVERY = 256;
  private static final String WORKER_ALLOCATED = "worker-allocated";
  private static final Instant START = Instant.parse("2026-11-26T00:00:00Z");

  private StormHarness() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value: " + a);
      }
      opts.put(a.substring(0, eq), a.substring(eq + 1));
    }
    long rate = Long.parseLong(opts.getOrDefault("rate", "1000000"));
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "30"));
    int sourceCount = Integer.parseInt(opts.getOrDefault("sources", "10000"));
    int producerCount = Integer.parseInt(opts.getOrDefault("producers", "2"));
    double speed = Double.parseDouble(opts.getOrDefault("speed", "1"));
    String probe = opts.getOrDefault("probe", "none");
    long sinkMicros = Long.parseLong(opts.getOrDefault("sinkMicros", "0"));
    int loseEvery = Integer.parseInt(opts.getOrDefault("loseEvery", "0"));

    HeapWatch heap = new HeapWatch();
    Observation[][] sources = TrackerWorkload.sources(sourceCount, 42);
    TrackerWorkload.VirtualClock clock = new TrackerWorkload.VirtualClock(START, speed);
    Sink sink = new Sink(sinkMicros * 1_000, loseEvery);
    IncidentTracker tracker =
        IncidentTracker.builder()
            .reporter(TrackerWorkload.REPORTER)
            .zone(TrackerWorkload.ZONE)
            .clock(clock)
            .sink(sink)
            .build();

    System.out.printf(
        Locale.ROOT,
        "Observation storm: %,d observations/s offered for %.0f s by %d producer threads, %,d distinct systems"
            + " (java %s, %d CPUs, -Xmx %d MiB, tracker clock speed %.0fx, sink waits %d µs per report)%nmix: %s%n%n",
        rate,
        seconds,
        producerCount,
        sourceCount,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        speed,
        sinkMicros,
        String.join(", ", TrackerWorkload.describeMix()));

    long startNanos = System.nanoTime() + 50_000_000L;
    long endNanos = startNanos + (long) (seconds * 1e9);
    List<Producer> producers = new ArrayList<>();
    for (int i = 0; i < producerCount; i++) {
      Producer p = new Producer(i, tracker, sources, (double) rate / producerCount, startNanos, endNanos, seconds);
      producers.add(p);
      p.thread.start();
    }
    heap.start();

    System.out.println("|   t (s) | offered/s | accepted/s | processed/s | queue | open | reports | heap (MiB) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    TrackerStats last = tracker.stats();
    long lastNanos = System.nanoTime();
    boolean probed = false;
    String probeResult = "";
    while (System.nanoTime() < endNanos) {
      long sleep = Math.min(1_000_000_000L, endNanos - System.nanoTime());
      LockSupport.parkNanos(Math.max(1, sleep));
      long now = System.nanoTime();
      TrackerStats s = tracker.stats();
      double dt = (now - lastNanos) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %5.1f | %,.0f | %,.0f | %,.0f | %,d | %d | %,d | %.0f |%n",
          (now - startNanos) / 1e9,
          (s.offered() - last.offered()) / dt,
          ((s.offered() - s.shedQueueFull()) - (last.offered() - last.shedQueueFull())) / dt,
          (processed(s) - processed(last)) / dt,
          s.queued(),
          s.openIncidents(),
          s.reportsFiled(),
          heap.usedNow() / 1048576.0);
      last = s;
      lastNanos = now;
      if ("flush".equals(probe) && !probed && now - startNanos > (endNanos - startNanos) / 2) {
        probed = true;
        probeResult = probeFlush(tracker);
      }
    }
    Map<String, Long> cpu = threadCpu();
    for (Producer p : producers) {
      p.thread.join();
    }
    long stormNanos = System.nanoTime() - startNanos;
    TrackerStats atStop = tracker.stats();

    // Drain what is queued, then let the quiet period pass at once: every incident files its final report.
    long drainStart = System.nanoTime();
    boolean drained = tracker.flush(Duration.ofMinutes(5));
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    int reportsBeforeQuiet = sink.size();
    long workerCpuBefore = workerCpu();
    clock.advance(Duration.ofHours(2));
    boolean quietFlushed = tracker.flush(Duration.ofMinutes(5));
    long workerCpuFinals = workerCpu() - workerCpuBefore;
    List<IncidentReport> reports = sink.reports();
    long[] filedAt = sink.filedAt();
    List<Incident> remembered = tracker.incidents();
    TrackerStats end = tracker.stats();
    heap.stop();
    System.gc();
    long heapAfterFinalGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    tracker.close();

    // Reports by stage, and the last report of each incident.
    Map<ReportStage, Integer> byStage = new EnumMap<>(ReportStage.class);
    Map<UUID, IncidentReport> lastReport = new LinkedHashMap<>();
    for (IncidentReport r : reports) {
      byStage.merge(r.stage(), 1, Integer::sum);
      IncidentReport known = lastReport.get(r.incidentId());
      if (known == null || r.revision() > known.revision()) {
        lastReport.put(r.incidentId(), r);
      }
    }
    // Why updates were filed (the composer writes the reason into the summary).
    Map<String, Integer> updateReasons = new HashMap<>();
    for (IncidentReport r : reports) {
      if (r.stage() == ReportStage.UPDATE) {
        ObservationSummary o = r.observations().orElseThrow();
        String who = o.overflowed() > 0 || o.shed() > 0 ? "overflow incident" : "tracked incident";
        updateReasons.merge(who + ": " + reason(r.summary()), 1, Integer::sum);
      }
    }
    long reportedTotal = 0;
    long reportedShed = 0;
    long reportedOverflowed = 0;
    int overflowIncidents = 0;
    int notFinal = 0;
    int revisionGaps = 0;
    Map<UUID, Set<Integer>> revisions = new HashMap<>();
    for (IncidentReport r : reports) {
      if (!revisions.computeIfAbsent(r.incidentId(), k -> new HashSet<>()).add(r.revision())) {
        revisionGaps++; // a revision filed twice
      }
    }
    for (IncidentReport r : lastReport.values()) {
      ObservationSummary o = r.observations().orElseThrow();
      reportedTotal += o.total();
      reportedShed += o.shed();
      reportedOverflowed += o.overflowed();
      if (o.overflowed() > 0 || o.shed() > 0) {
        overflowIncidents++;
      }
      if (r.stage() != ReportStage.FINAL) {
        notFinal++;
      }
      if (revisions.get(r.incidentId()).size() != r.revision()) {
        revisionGaps++;
      }
    }

    long producerCpu = 0;
    for (Producer p : producers) {
      producerCpu += p.cpuNanos;
    }
    cpu.put("the " + producers.size() + " producer threads together", producerCpu);
    long offeredByProducers = 0;
    long rejectedByProducers = 0;
    long[] accepted = new long[0];
    long[] shed = new long[0];
    for (Producer p : producers) {
      offeredByProducers += p.sent;
      rejectedByProducers += p.rejected;
      accepted = concat(accepted, p.acceptedSamples, p.acceptedCount);
      shed = concat(shed, p.shedSamples, p.shedCount);
    }
    Arrays.sort(accepted);
    Arrays.sort(shed);
    double achieved = end.offered() / (stormNanos / 1e9);
    // How long filing takes: the first 1,000 initial reports (cold), and the burst of final reports
    // filed back to back by the last evaluation.
    int firstBurst = Math.min(1_000, reportsBeforeQuiet);
    double firstBurstSeconds = firstBurst == 0 ? 0 : (filedAt[firstBurst - 1] - startNanos) / 1e9;
    int finals = reports.size() - reportsBeforeQuiet;
    double finalBurstMicros = finals < 2 ? 0 : (filedAt[reports.size() - 1] - filedAt[reportsBeforeQuiet]) / 1e3 / (finals - 1);

    System.out.println();
    System.out.println("| measure | value |");
    System.out.println("|---|---:|");
    row("offered rate, target", String.format(Locale.ROOT, "%,d /s", rate));
    row("offered rate, achieved", String.format(Locale.ROOT, "%,.0f /s (%.1f %% of target)", achieved, 100 * achieved / rate));
    row("storm duration", String.format(Locale.ROOT, "%.2f s", stormNanos / 1e9));
    row("offered", String.format(Locale.ROOT, "%,d", end.offered()));
    row("tracked (into incidents)", String.format(Locale.ROOT, "%,d", end.tracked()));
    row("  of which into the overflow incident", String.format(Locale.ROOT, "%,d", end.overflowed()));
    row("shed, hand-off queue full", String.format(Locale.ROOT, "%,d (%.1f %%)", end.shedQueueFull(), 100.0 * end.shedQueueFull() / end.offered()));
    row("shed, invalid", String.format(Locale.ROOT, "%,d", end.shedInvalid()));
    row("out of scope", String.format(Locale.ROOT, "%,d", end.outOfScope()));
    row("worker throughput (processed / storm duration)", String.format(Locale.ROOT, "%,.0f /s", processed(atStop) / (stormNanos / 1e9)));
    row("queued when producers stopped; drain time", String.format(Locale.ROOT, "%,d; %.2f s", atStop.queued(), drainSeconds));
    row("reports filed: initial / update / final", String.format(Locale.ROOT, "%,d / %,d / %,d",
        byStage.getOrDefault(ReportStage.INITIAL, 0), byStage.getOrDefault(ReportStage.UPDATE, 0), byStage.getOrDefault(ReportStage.FINAL, 0)));
    row("time until the first " + firstBurst + " reports were filed", String.format(Locale.ROOT, "%.2f s after the storm began", firstBurstSeconds));
    row("filing one report when warm (final reports back to back): wall time, worker CPU time",
        String.format(Locale.ROOT, "%.0f µs, %.0f µs", finalBurstMicros, finals == 0 ? 0.0 : workerCpuFinals / 1e3 / finals));
    updateReasons.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(8)
        .forEach(e -> row("  updates because " + e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue())));
    row("reports filed before the quiet period", String.format(Locale.ROOT, "%,d", reportsBeforeQuiet));
    row("incidents (of which overflow)", String.format(Locale.ROOT, "%,d (%d)", lastReport.size(), overflowIncidents));
    row("incidents still remembered after 2 h", String.format(Locale.ROOT, "%,d", remembered.size()));
    row("peak heap used (sampled every 20 ms)", String.format(Locale.ROOT, "%.1f MiB", heap.peakUsed() / 1048576.0));
    row("peak heap used after a GC", String.format(Locale.ROOT, "%.1f MiB", heap.peakAfterGc() / 1048576.0));
    row("heap used after a final System.gc()", String.format(Locale.ROOT, "%.1f MiB", heapAfterFinalGc / 1048576.0));
    row("GC: collections, total pause", String.format(Locale.ROOT, "%,d, %,d ms", heap.gcCount(), heap.gcMillis()));
    row("observe, accepted: p50 / p99 / p99.9 / max (1 call in 256 timed)", latencies(accepted));
    row("observe, shed: p50 / p99 / p99.9 / max (1 call in 256 timed)", latencies(shed));
    Long workerAllocated = cpu.remove(WORKER_ALLOCATED);
    if (workerAllocated != null) {
      row("bytes allocated by the worker per observation processed (during the storm)",
          String.format(Locale.ROOT, "%,.0f B", (double) workerAllocated / processed(atStop)));
    }
    for (Map.Entry<String, Long> e : cpu.entrySet()) {
      row("CPU time of " + e.getKey(), String.format(Locale.ROOT, "%.1f s (%.0f %% of the storm)", e.getValue() / 1e9, 100.0 * e.getValue() / stormNanos));
    }
    if (!probeResult.isEmpty()) {
      row("probe in mid-storm", probeResult);
    }

    // Accounting.
    List<String> failures = new ArrayList<>();
    System.out.println();
    check(failures, drained && quietFlushed, "both flushes completed", "flush timed out");
    check(failures, end.queued() == 0, "nothing left queued", "queued = " + end.queued());
    long accounted = end.tracked() + end.shedQueueFull() + end.shedInvalid() + end.outOfScope();
    check(failures, accounted == end.offered(),
        String.format(Locale.ROOT, "offered %,d = tracked %,d + shed (queue full) %,d + shed (invalid) %,d + out of scope %,d",
            end.offered(), end.tracked(), end.shedQueueFull(), end.shedInvalid(), end.outOfScope()),
        String.format(Locale.ROOT, "offered %,d != tracked + shed + invalid + out of scope = %,d (difference %,d)",
            end.offered(), accounted, end.offered() - accounted));
    check(failures, offeredByProducers == end.offered() && rejectedByProducers == end.shedQueueFull(),
        String.format(Locale.ROOT, "the producers' own counts agree (%,d calls, %,d refused)", offeredByProducers, rejectedByProducers),
        String.format(Locale.ROOT, "the producers counted %,d calls and %,d refusals; the tracker %,d and %,d",
            offeredByProducers, rejectedByProducers, end.offered(), end.shedQueueFull()));
    long expected = end.tracked() + end.shedQueueFull();
    check(failures, reportedTotal == expected,
        String.format(Locale.ROOT, "sum of observations.total of the last report per incident %,d = tracked + shed %,d",
            reportedTotal, expected),
        String.format(Locale.ROOT, "sum of observations.total of the last report per incident %,d != tracked + shed %,d (difference %,d)",
            reportedTotal, expected, reportedTotal - expected));
    check(failures, reportedShed == end.shedQueueFull() && reportedOverflowed == end.overflowed(),
        String.format(Locale.ROOT, "shed %,d and overflowed %,d reported in the overflow incidents", reportedShed, reportedOverflowed),
        String.format(Locale.ROOT, "reported shed %,d (tracker %,d), overflowed %,d (tracker %,d)",
            reportedShed, end.shedQueueFull(), reportedOverflowed, end.overflowed()));
    check(failures, notFinal == 0, "every incident's last report is final", notFinal + " incidents without a final report");
    check(failures, revisionGaps == 0, "revisions of each incident are 1..n without gaps or repeats", revisionGaps + " revision gaps or repeats");
    check(failures, end.reportsFiled() == reports.size() && end.openIncidents() == 0,
        String.format(Locale.ROOT, "reportsFiled %,d = reports in the sink; no incident open", reports.size()),
        String.format(Locale.ROOT, "reportsFiled %,d, sink %,d, open %d", end.reportsFiled(), reports.size(), end.openIncidents()));
    if (!failures.isEmpty()) {
      System.out.println("\nACCOUNTING FAILED: " + failures);
      System.exit(1);
    }
    System.out.println("\nAccounting adds up.");
  }

  private static String reason(String summary) {
    String marker = "reason for this report: ";
    int at = summary.indexOf(marker);
    if (at < 0) {
      return "(none given)";
    }
    int end = summary.indexOf('\n', at);
    return summary.substring(at + marker.length(), end < 0 ? summary.length() : end);
  }

  private static long processed(TrackerStats s) {
    return s.tracked() + s.outOfScope() + s.shedInvalid();
  }

  private static void row(String name, String value) {
    System.out.println("| " + name + " | " + value + " |");
  }

  private static void check(List<String> failures, boolean ok, String pass, String fail) {
    System.out.println((ok ? "OK    " : "FAIL  ") + (ok ? pass : fail));
    if (!ok) {
      failures.add(fail);
    }
  }

  private static String latencies(long[] sorted) {
    if (sorted.length == 0) {
      return "no call";
    }
    return String.format(Locale.ROOT, "%s / %s / %s / %s µs (%,d samples)", micros(pct(sorted, 0.50)), micros(pct(sorted, 0.99)),
        micros(pct(sorted, 0.999)), micros(sorted[sorted.length - 1]), sorted.length);
  }

  private static long pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, nanos < 10_000 ? "%.2f" : "%,.0f", nanos / 1e3);
  }

  private static long[] concat(long[] a, long[] b, int bLength) {
    long[] out = Arrays.copyOf(a, a.length + bLength);
    System.arraycopy(b, 0, out, a.length, bLength);
    return out;
  }

  /** Calls flush and incidents in the middle of the storm and times them. */
  private static String probeFlush(IncidentTracker tracker) {
    long t0 = System.nanoTime();
    boolean flushed = tracker.flush(Duration.ofSeconds(2));
    double flushSeconds = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    String incidents;
    try {
      incidents = tracker.incidents().size() + " incidents";
    } catch (RuntimeException e) {
      incidents = "failed: " + e.getMessage();
    }
    double incidentsSeconds = (System.nanoTime() - t1) / 1e9;
    return String.format(Locale.ROOT, "flush(2 s) returned %s after %.2f s; incidents() then took %.2f s (%s)",
        flushed, flushSeconds, incidentsSeconds, incidents);
  }

  private static long workerCpu() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("cisharing-incident-tracker")) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
      }
    }
    return 0;
  }

  private static Map<String, Long> threadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new LinkedHashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      long cpu = threads.getThreadCpuTime(t.getId());
      if (name.startsWith("cisharing-incident-tracker") && cpu > 0) {
        out.put("the tracker's worker thread", cpu);
        out.put(WORKER_ALLOCATED,
            ((com.sun.management.ThreadMXBean) threads).getThreadAllocatedBytes(t.getId()));
      }
    }
    return out;
  }

  /** Keeps every report and when it was filed (called on the tracker's worker thread only). */
  private static final class Sink implements ReportSink {
    private final List<IncidentReport> reports = new ArrayList<>();
    private long[] filedAt = new long[1_024];
    private final long delayNanos;
    private final int loseEvery;
    private int submitted;

    Sink(long delayNanos, int loseEvery) {
      this.delayNanos = delayNanos;
      this.loseEvery = loseEvery;
    }

    @Override
    public synchronized void submit(IncidentReport report) {
      if (delayNanos > 0) {
        LockSupport.parkNanos(delayNanos);
      }
      if (loseEvery > 0 && ++submitted % loseEvery == 0) {
        return; // a sink that loses reports: the accounting must notice
      }
      if (reports.size() == filedAt.length) {
        filedAt = Arrays.copyOf(filedAt, filedAt.length * 2);
      }
      filedAt[reports.size()] = System.nanoTime();
      reports.add(report);
    }

    synchronized int size() {
      return reports.size();
    }

    synchronized List<IncidentReport> reports() {
      return new ArrayList<>(reports);
    }

    synchronized long[] filedAt() {
      return Arrays.copyOf(filedAt, reports.size());
    }
  }

  /** One producer thread: offers observations at its share of the rate until the end. */
  private static final class Producer implements Runnable {
    final Thread thread;
    private final IncidentTracker tracker;
    private final Observation[][] sources;
    private final double perNano;
    private final long startNanos;
    private final long endNanos;
    private long seed;
    long sent;
    long rejected;
    long cpuNanos;
    final long[] acceptedSamples;
    final long[] shedSamples;
    int acceptedCount;
    int shedCount;

    Producer(int index, IncidentTracker tracker, Observation[][] sources, double ratePerSecond, long startNanos, long endNanos,
        double seconds) {
      this.tracker = tracker;
      this.sources = sources;
      this.perNano = ratePerSecond / 1e9;
      this.startNanos = startNanos;
      this.endNanos = endNanos;
      this.seed = 0x9E3779B97F4A7C15L * (index + 1);
      int samples = (int) Math.min(Integer.MAX_VALUE - 8, ratePerSecond * seconds / SAMPLE_EVERY + 1_024);
      this.acceptedSamples = new long[samples];
      this.shedSamples = new long[samples];
      this.thread = new Thread(this, "storm-producer-" + index);
    }

    @Override
    public void run() {
      while (System.nanoTime() < startNanos) {
        LockSupport.parkNanos(startNanos - System.nanoTime());
      }
      while (true) {
        long now = System.nanoTime();
        if (now >= endNanos) {
          cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
          return;
        }
        long due = (long) ((now - startNanos) * perNano);
        if (sent >= due) {
          LockSupport.parkNanos(20_000);
          continue;
        }
        long batch = Math.min(due - sent, 4_096);
        for (long i = 0; i < batch; i++) {
          long r = next();
          Observation[] source = sources[(int) ((r >>> 16) % sources.length)];
          Observation o = source[(r & 1023) == 0 ? 1 : 0];
          boolean ok;
          if ((sent & (SAMPLE_EVERY - 1)) == 0) {
            long t0 = System.nanoTime();
            ok = tracker.observe(o);
            long took = System.nanoTime() - t0;
            if (ok && acceptedCount < acceptedSamples.length) {
              acceptedSamples[acceptedCount++] = took;
            } else if (!ok && shedCount < shedSamples.length) {
              shedSamples[shedCount++] = took;
            }
          } else {
            ok = tracker.observe(o);
          }
          if (!ok) {
            rejected++;
          }
          sent++;
        }
      }
    }

    private long next() {
      long x = seed;
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      seed = x;
      return x & Long.MAX_VALUE;
    }
  }

  /** Peak heap, sampled, and after each collection (from GC notifications). */
  private static final class HeapWatch {
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong gcCount = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();
    private volatile boolean running;
    private Thread sampler;

    HeapWatch() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPools.add(pool.getName());
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
          if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
          }
          GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              used += e.getValue().getUsed();
            }
          }
          peakAfterGc.accumulateAndGet(used, Math::max);
          gcCount.incrementAndGet();
          gcMillis.addAndGet(info.getGcInfo().getDuration());
        }, null, null);
      }
    }

    void start() {
      running = true;
      sampler = new Thread(() -> {
        while (running) {
          peakUsed.accumulateAndGet(usedNow(), Math::max);
          LockSupport.parkNanos(20_000_000L);
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws InterruptedException {
      peakUsed.accumulateAndGet(usedNow(), Math::max);
      running = false;
      sampler.join();
    }

    long usedNow() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    long peakUsed() {
      return peakUsed.get();
    }

    long peakAfterGc() {
      return peakAfterGc.get();
    }

    long gcCount() {
      return gcCount.get();
    }

    long gcMillis() {
      return gcMillis.get();
    }
  }
}
