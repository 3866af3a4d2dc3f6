package org.cisharing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ScopeClassifier;

/**
 * A companion to {@link ScopeClassifierBenchmark} for a machine shared with other work: it times
 * the same mix of observations in thread CPU time rather than wall-clock time, so that time spent
 * descheduled does not count. Run: {@code java -cp sharing-benchmarks/target/benchmarks.jar
 * org.cisharing.benchmarks.ScopeClassifierCpuTime}.
 */
public final class ScopeClassifierCpuTime {
  private ScopeClassifierCpuTime() {}

  public static void main(String[] args) {
    ScopeClassifierBenchmark state = new ScopeClassifierBenchmark();
    state.setUp();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int rounds = 7;
    long perRound = 20_000_000L;
    int sink = 0;
    for (int round = 0; round < rounds; round++) {
      long cpu = threads.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (long i = 0; i < perRound; i++) {
        Classification c = state.classifyMix();
        sink += c.rationale().size();
      }
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      wall = System.nanoTime() - wall;
      System.out.printf(
          "round %d%s: %.1f ns CPU per classification (%.1f million/s of CPU), %.1f ns wall%n",
          round,
          round < 2 ? " (warm-up)" : "",
          (double) cpu / perRound,
          perRound * 1e3 / cpu,
          (double) wall / perRound);
    }
    System.out.println("sink " + sink);
  }
}
