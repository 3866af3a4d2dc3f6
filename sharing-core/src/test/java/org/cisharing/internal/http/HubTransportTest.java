package org.cisharing.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.cisharing.json.SharingJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport against a loopback server that answers canned raw HTTP/1.1 responses, so that the
 * framing (Content-Length or chunked) and the headers are exactly as written here.
 */
class HubTransportTest {
  private static final int LIMIT = SharingJson.MAX_DOCUMENT_BYTES;

  private ServerSocket server;
  private Thread acceptor;
  private final BlockingQueue<byte[]> responses = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "raw-hub");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join(TimeUnit.SECONDS.toMillis(5));
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void readsABodyOfExactlyTheLimitWithContentLength() throws IOException {
    byte[] body = body(LIMIT);
    responses.add(response("201 Created", body, false, "Retry-After: 7", "ETag: \"v1\""));
    HubResponse r = transport(() -> "t").post("/v1/reports", "key-1", bytes("{}"));
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.bodyTooLarge()).isFalse();
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.retryAfter()).isEqualTo("7");
    assertThat(r.etag()).isEqualTo("\"v1\"");
    assertThat(r.contentType()).isEqualTo("application/json");
  }

  @Test
  void readsAChunkedBodyOfExactlyTheLimit() throws IOException {
    byte[] body = body(LIMIT);
    responses.add(response("200 OK", body, true));
    HubResponse r = transport(() -> "t").get("/v1/reports/x");
    assertThat(r.bodyTooLarge()).isFalse();
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.retryAfter()).isNull();
    assertThat(r.etag()).isNull();
  }

  @Test
  void refusesABodyOverTheLimitWhetherDeclaredOrChunked() throws IOException {
    responses.add(response("201 Created", body(LIMIT + 1), false));
    HubResponse declared = transport(() -> "t").post("/v1/reports", "key-1", bytes("{}"));
    assertThat(declared.bodyTooLarge()).isTrue();
    assertThat(declared.body()).isNull();

    responses.add(response("201 Created", body(LIMIT + 1), true));
    HubResponse chunked = transport(() -> "t").post("/v1/reports", "key-2", bytes("{}"));
    assertThat(chunked.bodyTooLarge()).isTrue();
    assertThat(chunked.body()).isNull();
  }

  @Test
  void readsAnEmptyBody() throws IOException {
    responses.add(response("201 Created", new byte[0], false));
    HubResponse r = transport(() -> "t").post("/v1/reports", "key-1", bytes("{}"));
    assertThat(r.bodyTooLarge()).isFalse();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void resolvesEachPathUnderTheBasePathAndFollowsARotatingToken() throws Exception {
    AtomicInteger n = new AtomicInteger();
    HubTransport transport = new HubTransport(http, URI.create(base() + "/hub/"), () -> "token-" + (n.incrementAndGet() / 2));
    String[] paths = {"/v1/reports", "/v1/reports", "/v1/advisories?after=c1&limit=10", "/v1/reports", "/v1/reports/abc"};
    List<String> lines = new ArrayList<>();
    List<String> auth = new ArrayList<>();
    for (String path : paths) {
      responses.add(response("200 OK", bytes("{}"), false));
      if (path.startsWith("/v1/reports") && !path.endsWith("abc")) {
        transport.post(path, "key", bytes("{}"));
      } else {
        transport.get(path);
      }
      String head = requests.poll(5, TimeUnit.SECONDS);
      lines.add(head.substring(0, head.indexOf("\r\n")));
      auth.add(header(head, "authorization"));
    }
    assertThat(lines).containsExactly(
        "POST /hub/v1/reports HTTP/1.1",
        "POST /hub/v1/reports HTTP/1.1",
        "GET /hub/v1/advisories?after=c1&limit=10 HTTP/1.1",
        "POST /hub/v1/reports HTTP/1.1",
        "GET /hub/v1/reports/abc HTTP/1.1");
    assertThat(auth).containsExactly("Bearer token-0", "Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2");
  }

  private HubTransport transport(java.util.function.Supplier<String> token) {
    return new HubTransport(http, URI.create(base()), token);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private static byte[] body(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'a');
    return b;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] response(String status, byte[] body, boolean chunked, String... headers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n")
        .append("Content-Type: application/json\r\nConnection: close\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n").append("\r\n");
    out.writeBytes(bytes(head.toString()));
    if (chunked) {
      for (int i = 0; i < body.length; i += 8192) {
        int n = Math.min(8192, body.length - i);
        out.writeBytes(bytes(Integer.toHexString(n) + "\r\n"));
        out.write(body, i, n);
        out.writeBytes(bytes("\r\n"));
      }
      out.writeBytes(bytes("0\r\n\r\n"));
    } else {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** One request per connection: reads the head and the announced body, answers the next canned response, closes. */
  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        String head = readHead(in);
        String length = header(head, "content-length");
        if (length != null) {
          in.readNBytes(Integer.parseInt(length));
        }
        requests.add(head);
        byte[] answer = responses.poll(5, TimeUnit.SECONDS);
        OutputStream out = s.getOutputStream();
        out.write(answer == null ? bytes("HTTP/1.1 500 No canned response\r\nContent-Length: 0\r\n\r\n") : answer);
        out.flush();
      } catch (IOException | InterruptedException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4 && head.size() < 65_536) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
