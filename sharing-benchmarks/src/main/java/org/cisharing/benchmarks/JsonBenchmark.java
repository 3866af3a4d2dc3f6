package org.cisharing.benchmarks;

import java.util.concurrent.TimeUnit;
import org.cisharing.json.SharingJson;
import org.cisharing.model.Tlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Cost of the codec on a small value. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonBenchmark {
  @Benchmark
  public String writeTlp() {
    return SharingJson.write(Tlp.AMBER_STRICT);
  }
}
