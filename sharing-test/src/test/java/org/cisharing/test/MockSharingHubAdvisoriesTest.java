package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cisharing.test.MockSharingHubReportsTest.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cisharing.test.HubClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@WithMockSharingHub(es256 = true)
class MockSharingHubAdvisoriesTest {
  private HubClient client;

  private HubClient client(MockSharingHub hub) {
    client = new HubClient(hub);
    return client;
  }

  @AfterEach
  void disconnect() {
    if (client != null) {
      client.close();
    }
  }

  static String advisory(String id, int revision) {
    return "{\"schema\":\"cisharing.advisory/1\",\"advisoryId\":\"" + id + "\",\"revision\":" + revision
        + ",\"title\":\"RDP 3389/tcp がインターネットから到達可能\"}";
  }

  @Test
  void pagesAdvisoriesOldestFirstWithOpaqueCursor(MockSharingHub hub) throws IOException {
    HubClient http = client(hub);
    for (int i = 1; i <= 5; i++) {
      hub.publishAdvisory(advisory("ADV-" + i, 1));
    }

    Answer first = http.get("/v1/advisories?limit=2");
    Answer second = http.get("/v1/advisories?limit=2&after=" + first.json().path("next").asText());
    Answer third = http.get("/v1/advisories?limit=2&after=" + second.json().path("next").asText());
    Answer caughtUp = http.get("/v1/advisories?limit=2&after=" + third.json().path("next").asText());

    assertThat(payloadIds(first)).containsExactly("ADV-1", "ADV-2");
    assertThat(payloadIds(second)).containsExactly("ADV-3", "ADV-4");
    assertThat(payloadIds(third)).containsExactly("ADV-5");
    assertThat(caughtUp.code()).isEqualTo(200);
    assertThat(caughtUp.json().path("items")).isEmpty();
    assertThat(caughtUp.json().path("next").asText()).isEqualTo(third.json().path("next").asText());
  }

  @Test
  void servesNewAdvisoryAfterCaughtUpCursor(MockSharingHub hub) throws IOException {
    HubClient http = client(hub);
    String next = http.get("/v1/advisories").json().path("next").asText();

    hub.publishAdvisory(advisory("ADV-late", 1));
    Answer page = http.get("/v1/advisories?after=" + next);

    assertThat(payloadIds(page)).containsExactly("ADV-late");
  }

  @Test
  void answers304WhenNothingIsNewAndChangesEtagWhenSomethingIs(MockSharingHub hub)
      throws IOException {
    HubClient http = client(hub);
    hub.publishAdvisory(advisory("ADV-1", 1));
    Answer first = http.get("/v1/advisories");
    String etag = first.header("ETag");

    Answer unchanged = http.get("/v1/advisories", Map.of("If-None-Match", etag));
    hub.publishAdvisory(advisory("ADV-2", 1));
    Answer changed = http.get("/v1/advisories", Map.of("If-None-Match", etag));

    assertThat(etag).startsWith("\"");
    assertThat(unchanged.code()).isEqualTo(304);
    assertThat(unchanged.header("ETag")).isEqualTo(etag);
    assertThat(unchanged.body()).isEmpty();
    assertThat(changed.code()).isEqualTo(200);
    assertThat(changed.header("ETag")).isNotEqualTo(etag);
    assertThat(payloadIds(changed)).containsExactly("ADV-1", "ADV-2");
  }

  @Test
  void refusesLimitOutsideOneToHundredAndForeignCursor(MockSharingHub hub) throws IOException {
    HubClient http = client(hub);

    assertProblem(http.get("/v1/advisories?limit=0"), 400, "/invalid-parameter");
    assertProblem(http.get("/v1/advisories?limit=101"), 400, "/invalid-parameter");
    assertProblem(http.get("/v1/advisories?limit=ten"), 400, "/invalid-parameter");
    assertProblem(http.get("/v1/advisories?after=not-ours"), 400, "/invalid-cursor");
    assertThat(http.get("/v1/advisories?limit=100").code()).isEqualTo(200);
  }

  @Test
  void signsWithEd25519VerifiableFromPublishedJwk(MockSharingHub hub) throws Exception {
    String document = advisory("ADV-ed", 1);
    String jws = hub.publishAdvisory(document);
    String served = client(hub).get("/v1/advisories").json().path("items").get(0).path("jws").asText();
    JsonNode jwk = jwkFor(hub, hub.signer().kid());

    String[] parts = served.split("\\.");
    JsonNode header = HubClient.JSON.readTree(b64(parts[0]));

    assertThat(served).isEqualTo(jws);
    assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
    assertThat(header.path("kid").asText()).isEqualTo(hub.signer().kid());
    assertThat(new String(b64(parts[1]), StandardCharsets.UTF_8)).isEqualTo(document);
    assertThat(jwk.path("kty").asText()).isEqualTo("OKP");
    assertThat(jwk.path("crv").asText()).isEqualTo("Ed25519");
    assertThat(jwk.path("use").asText()).isEqualTo("sig");
    assertThat(jwk.path("alg").asText()).isEqualTo("EdDSA");
    assertThat(verify(served, ed25519Key(jwk), "Ed25519")).isTrue();
  }

  @Test
  void signsWithEs256AsRawConcatenatedSignatureVerifiableFromJwk(MockSharingHub hub)
      throws Exception {
    HubSigner es256 = hub.es256Signer();
    String jws = hub.publishAdvisory(advisory("ADV-es", 1), es256);
    JsonNode jwk = jwkFor(hub, es256.kid());
    String[] parts = jws.split("\\.");

    assertThat(HubClient.JSON.readTree(b64(parts[0])).path("alg").asText()).isEqualTo("ES256");
    assertThat(b64(parts[2])).hasSize(64);
    assertThat(jwk.path("kty").asText()).isEqualTo("EC");
    assertThat(jwk.path("crv").asText()).isEqualTo("P-256");
    assertThat(b64(jwk.path("x").asText())).hasSize(32);
    assertThat(b64(jwk.path("y").asText())).hasSize(32);
    // P1363 is the JDK's name for the R || S form that JWS uses.
    assertThat(verify(jws, p256Key(jwk), "SHA256withECDSAinP1363Format")).isTrue();
  }

  @Test
  void foreignKeyAndBadTokensDoNotVerifyAgainstHubKeys(MockSharingHub hub) throws Exception {
    String document = advisory("ADV-bad", 1);
    HubSigner foreign = HubSigner.ed25519("someone-else");
    String signedByForeign = foreign.sign(document);
    String tampered = HubSigner.tamper(hub.signer().sign(document), advisory("ADV-bad", 2));
    String unsecured = HubSigner.unsecured(document);
    String hmac = HubSigner.hs256(document, new byte[32], hub.signer().kid());
    PublicKey hubKey = ed25519Key(jwkFor(hub, hub.signer().kid()));

    assertThat(hub.jwks()).doesNotContain("someone-else");
    assertThat(verify(signedByForeign, hubKey, "Ed25519")).isFalse();
    assertThat(verify(tampered, hubKey, "Ed25519")).isFalse();
    assertThat(unsecured).endsWith(".");
    assertThat(new String(b64(unsecured.split("\\.")[0]), StandardCharsets.UTF_8))
        .isEqualTo("{\"alg\":\"none\"}");
    assertThat(HubClient.JSON.readTree(b64(hmac.split("\\.")[0])).path("alg").asText())
        .isEqualTo("HS256");
    assertThat(verify(hmac, hubKey, "Ed25519")).isFalse();
  }

  @Test
  void servesRawItemsAsPublished(MockSharingHub hub) throws IOException {
    hub.publishRaw("not-a-jws");
    hub.publishRaw(HubSigner.unsecured(advisory("ADV-none", 1)));

    JsonNode items = client(hub).get("/v1/advisories").json().path("items");

    assertThat(items.get(0).path("jws").asText()).isEqualTo("not-a-jws");
    assertThat(items.get(1).path("jws").asText()).endsWith(".");
    assertThat(hub.publishedAdvisories()).hasSize(2);
  }

  @Test
  void insertBehindCursorRedeliversPreviousItemAndHidesInsertedOne(MockSharingHub hub)
      throws IOException {
    HubClient http = client(hub);
    hub.publishAdvisory(advisory("ADV-1", 1));
    hub.publishAdvisory(advisory("ADV-2", 1));
    String next = http.get("/v1/advisories").json().path("next").asText();

    hub.insertBehindCursor(0, advisory("ADV-0", 1));
    Answer after = http.get("/v1/advisories?after=" + next);

    assertThat(payloadIds(after)).containsExactly("ADV-2");
  }

  @Test
  void acceptsFeedbackOnceAndAnswersReplayWith202(MockSharingHub hub) throws IOException {
    HubClient http = client(hub);
    String body =
        "{\"schema\":\"cisharing.feedback/1\",\"advisoryId\":\"ADV-1\",\"revision\":1,"
            + "\"role\":\"CSIRT\",\"status\":\"in-progress\",\"usefulness\":4,"
            + "\"comment\":\"対応中\",\"at\":\"2026-11-26T10:00:00+09:00\"}";
    String key = HubClient.newId();

    Answer first = http.post("/v1/advisories/ADV-1/feedback", body, key, HubClient.APPLICATION_JSON, Map.of());
    Answer replay = http.post("/v1/advisories/ADV-1/feedback", body, key, HubClient.APPLICATION_JSON, Map.of());
    Answer conflict =
        http.post(
            "/v1/advisories/ADV-1/feedback",
            body.replace("in-progress", "done"),
            key,
            HubClient.APPLICATION_JSON,
            Map.of());

    assertThat(first.code()).isEqualTo(202);
    assertThat(replay.code()).isEqualTo(202);
    assertProblem(conflict, 409, "/idempotency-conflict");
    assertThat(hub.feedback())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.advisoryId()).isEqualTo("ADV-1");
              assertThat(f.status()).isEqualTo("in-progress");
              assertThat(f.idempotencyKey()).isEqualTo(key);
              assertThat(f.json().path("usefulness").asInt()).isEqualTo(4);
            });
  }

  @Test
  void refusesInvalidFeedbackWithPointers(MockSharingHub hub) throws IOException {
    HubClient http = client(hub);
    String body =
        "{\"schema\":\"cisharing.feedback/1\",\"advisoryId\":\"ADV-9\",\"status\":\"maybe\","
            + "\"usefulness\":7}";

    Answer invalid = http.post("/v1/advisories/ADV-1/feedback", body, "k-1", HubClient.APPLICATION_JSON, Map.of());
    Answer noKey = http.post("/v1/advisories/ADV-1/feedback", body, null, HubClient.APPLICATION_JSON, Map.of());

    assertProblem(invalid, 422, "/validation-failed");
    assertThat(invalid.json().path("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/advisoryId", "/status", "/usefulness");
    assertProblem(noKey, 400, "/missing-idempotency-key");
    assertThat(hub.feedback()).isEmpty();
  }

  @Test
  void extensionResetsPublishedAdvisoriesBetweenTests(MockSharingHub hub) throws IOException {
    // Every other test of this class publishes; a shared hub must start each test empty.
    assertThat(hub.publishedAdvisories()).isEmpty();
    assertThat(client(hub).get("/v1/advisories").json().path("items")).isEmpty();
    assertThat(hub.requestCount()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ verification helpers

  private static List<String> payloadIds(Answer page) throws IOException {
    List<String> ids = new ArrayList<>();
    for (JsonNode item : page.json().path("items")) {
      String payload = item.path("jws").asText().split("\\.")[1];
      ids.add(HubClient.JSON.readTree(b64(payload)).path("advisoryId").asText());
    }
    return ids;
  }

  private static JsonNode jwkFor(MockSharingHub hub, String kid) throws IOException {
    for (JsonNode key : HubClient.JSON.readTree(hub.jwks()).path("keys")) {
      if (key.path("kid").asText().equals(kid)) {
        return key;
      }
    }
    throw new AssertionError("no key " + kid + " in " + hub.jwks());
  }

  static PublicKey ed25519Key(JsonNode jwk) throws GeneralSecurityException {
    // SubjectPublicKeyInfo prefix for Ed25519 (RFC 8410), then the raw 32-byte key.
    byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] x = b64(jwk.path("x").asText());
    byte[] encoded = new byte[prefix.length + x.length];
    System.arraycopy(prefix, 0, encoded, 0, prefix.length);
    System.arraycopy(x, 0, encoded, prefix.length, x.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  static PublicKey p256Key(JsonNode jwk) throws GeneralSecurityException {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    ECPoint point =
        new ECPoint(
            new BigInteger(1, b64(jwk.path("x").asText())),
            new BigInteger(1, b64(jwk.path("y").asText())));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
  }

  static boolean verify(String jws, PublicKey key, String algorithm)
      throws GeneralSecurityException {
    int lastDot = jws.lastIndexOf('.');
    Signature signature = Signature.getInstance(algorithm);
    signature.initVerify(key);
    signature.update(jws.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    try {
      return signature.verify(b64(jws.substring(lastDot + 1)));
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  static byte[] b64(String text) {
    return Base64.getUrlDecoder().decode(text);
  }
}
