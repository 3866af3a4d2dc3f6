package org.cisharing.examples.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cisharing.SharingClient;
import org.cisharing.SharingException;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.json.SharingJson;
import org.cisharing.model.Contact;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.test.MockSharingHub;

/**
 * A plain-Java ICS/IoT gateway that reports incidents without Spring: it reads observations as
 * JSON lines ({@code cisharing.observation/1}, one document per line, as a Modbus/OPC UA collector
 * or a log shipper writes them), hands each to an {@link IncidentTracker}, which classifies and
 * correlates them and files initial, update and final reports through a {@link SharingClient}'s
 * durable outbox.
 *
 * <p>A malformed line never stops the gateway: it is counted and its problem kept in {@link
 * Result#rejections()}; blank lines and lines starting with {@code #} are skipped. The gateway does
 * not own the client nor the tracker: close them yourself, tracker first.
 *
 * <pre>{@code
 * try (SharingClient client = SharingClient.builder().hubUrl(hub).bearerToken(token)
 *         .outboxDirectory(Path.of("/var/lib/gateway/outbox")).build();
 *     IncidentTracker tracker = IncidentTracker.builder().reporter(reporter).client(client).build()) {
 *   PlainJavaGateway gateway = new PlainJavaGateway(tracker, client);
 *   PlainJavaGateway.Result r = gateway.feed(new InputStreamReader(System.in, UTF_8));
 *   gateway.flush(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Not thread-safe (one reader feeds it); the tracker and client it uses are.
 *
 * @since 0.1.0
 */
public final class PlainJavaGateway {
  /** The bundled sample: a Modbus register write from an unknown station, a port scan, a test alarm. */
  public static final String SAMPLE = "org/cisharing/examples/gateway/sample-observations.jsonl";

  private final IncidentTracker tracker;
  private final SharingClient client;

  /**
   * A gateway feeding {@code tracker}, whose reports go through {@code client}.
   *
   * @param tracker the tracker, built with {@code .client(client)}
   * @param client the client, used to wait for delivery in {@link #flush}
   */
  public PlainJavaGateway(IncidentTracker tracker, SharingClient client) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Reads every line of {@code lines} and hands the observations to the tracker. Does not close
   * the reader.
   *
   * @return how many lines were accepted, skipped and rejected, with the rejections' reasons
   * @throws UncheckedIOException when the reader fails
   */
  public Result feed(Reader lines) {
    Objects.requireNonNull(lines, "lines");
    BufferedReader in = lines instanceof BufferedReader ? (BufferedReader) lines : new BufferedReader(lines);
    int accepted = 0;
    int skipped = 0;
    int shed = 0;
    List<String> rejections = new ArrayList<>();
    int number = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          skipped++;
          continue;
        }
        Observation o;
        try {
          o = SharingJson.read(trimmed, Observation.class);
        } catch (SharingException e) {
          rejections.add("line " + number + ": " + e.getMessage());
          continue;
        }
        if (tracker.observe(o)) {
          accepted++;
        } else {
          shed++; // the tracker's queue is full: it counts the observation into its overflow incident
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read observations at line " + (number + 1), e);
    }
    return new Result(accepted, skipped, shed, rejections);
  }

  /**
   * Waits until the tracker processed everything fed so far and the client delivered the reports.
   *
   * @return the number of reports still waiting in the outbox (0 when all were acknowledged)
   */
  public int flush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    tracker.flush(timeout);
    long left = Math.max(1, deadline - System.nanoTime());
    return client.flush(Duration.ofNanos(left));
  }

  /** Opens the bundled sample observations. */
  public static Reader sample() {
    InputStream in = PlainJavaGateway.class.getClassLoader().getResourceAsStream(SAMPLE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + SAMPLE);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /**
   * What one {@link #feed} did.
   *
   * @param accepted observations handed to the tracker
   * @param skipped blank and comment lines
   * @param shed observations the tracker's full queue refused (it accounts for them)
   * @param rejections one line per malformed line: its number and the problem
   * @since 0.1.0
   */
  public record Result(int accepted, int skipped, int shed, List<String> rejections) {
    public Result {
      rejections = List.copyOf(rejections);
    }

    /** How many lines were malformed. */
    public int rejected() {
      return rejections.size();
    }
  }

  /**
   * Runs the gateway.
   *
   * <pre>
   * java -cp sharing-demo.jar org.cisharing.examples.gateway.PlainJavaGateway --mock-hub
   * java -cp sharing-demo.jar org.cisharing.examples.gateway.PlainJavaGateway \
   *     --hub https://hub.example.go.jp --token-env HUB_TOKEN --outbox /var/lib/gateway/outbox \
   *     --org さくら水道企業団 --operator-id WAT-0001 --sector WATER --contact soc@sakura-water.example.jp \
   *     observations.jsonl
   * </pre>
   *
   * <p>Without a file it reads standard input, or with {@code --mock-hub} the bundled sample,
   * delivered to an embedded mock hub on 127.0.0.1.
   */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String hub = null;
    String tokenEnv = null;
    Path outbox = null;
    String org = "さくら水道企業団";
    String operatorId = "WAT-0001";
    Sector sector = Sector.WATER;
    String contact = "soc@sakura-water.example.jp";
    boolean mock = false;
    Path file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--hub": hub = value(args, ++i, a); break;
        case "--token-env": tokenEnv = value(args, ++i, a); break;
        case "--outbox": outbox = Path.of(value(args, ++i, a)); break;
        case "--org": org = value(args, ++i, a); break;
        case "--operator-id": operatorId = value(args, ++i, a); break;
        case "--sector": sector = Sector.of(value(args, ++i, a)); break;
        case "--contact": contact = value(args, ++i, a); break;
        case "--mock-hub": mock = true; break;
        default:
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          file = Path.of(a);
      }
    }
    if (!mock && hub == null) {
      throw new IllegalArgumentException("--hub URL or --mock-hub is required");
    }
    Reporter reporter = Reporter.of(Organization.of(org, operatorId, sector), new Contact("SOC", contact, null, true));
    MockSharingHub mockHub = mock ? new MockSharingHub().start() : null;
    Path dir = outbox != null ? outbox : Files.createTempDirectory("gateway-outbox");
    try {
      SharingClient.Builder cb = SharingClient.builder().outboxDirectory(dir);
      if (mock) {
        cb.hubUrl(mockHub.baseUrl()).allowInsecureLoopback(true);
      } else {
        cb.hubUrl(URI.create(hub));
        if (tokenEnv != null) {
          String name = tokenEnv;
          cb.bearerToken(() -> Objects.requireNonNull(System.getenv(name), "environment variable " + name + " is not set"));
        }
      }
      try (SharingClient client = cb.build();
          IncidentTracker tracker = IncidentTracker.builder().reporter(reporter).client(client)
              .clock(Clock.systemUTC()).zone(ZoneId.of("Asia/Tokyo")).build();
          Reader in = file != null ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
              : mock ? sample() : new InputStreamReader(System.in, StandardCharsets.UTF_8)) {
        PlainJavaGateway gateway = new PlainJavaGateway(tracker, client);
        Result r = gateway.feed(in);
        int pending = gateway.flush(Duration.ofSeconds(30));
        out.printf("observations: %d accepted, %d rejected, %d skipped%n", r.accepted(), r.rejected(), r.skipped());
        r.rejections().forEach(line -> out.println("  rejected " + line));
        out.printf("incidents: %d open; reports filed: %d; waiting in the outbox: %d%n",
            tracker.stats().openIncidents(), tracker.stats().reportsFiled(), pending);
        if (mockHub != null) {
          mockHub.reports().forEach(rep -> out.printf("  hub received %s r%d of incident %s%n",
              rep.stage(), rep.revision(), rep.incidentId()));
        }
      }
    } finally {
      if (mockHub != null) {
        mockHub.close();
      }
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
