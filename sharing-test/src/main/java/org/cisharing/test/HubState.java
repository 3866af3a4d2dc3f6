package org.cisharing.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The hub's state and request processing, independent of WireMock's types. Every method is
 * synchronized on this object: requests arrive on Jetty threads while the test thread inspects.
 */
final class HubState {
  static final String PROBLEM_BASE = "https://cisharing.org/problems/";
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  static final int MAX_JOURNAL = 10_000;
  static final Set<String> STAGES = Set.of("initial", "update", "final");
  static final Set<String> REPORT_STATUSES = Set.of("accepted", "under-review", "shared", "closed");
  static final Set<String> FEEDBACK_STATUSES =
      Set.of("received", "in-progress", "done", "not-applicable");

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern FEEDBACK_PATH = Pattern.compile("/v1/advisories/([^/]+)/feedback");
  private static final Pattern REPORT_PATH = Pattern.compile("/v1/reports/([^/]+)");
  private static final String CURSOR_PREFIX = "p1:";

  /** Reads a request header by case-insensitive name; null when absent. */
  interface Headers {
    String get(String name);
  }

  private static final class StoredReport {
    final ReceivedReport report;
    final JsonNode tree;
    final String receiptId;
    final String receipt;
    String status = "accepted";
    final List<ObjectNode> questions = new ArrayList<>();

    StoredReport(ReceivedReport report, JsonNode tree, String receiptId, String receipt) {
      this.report = report;
      this.tree = tree;
      this.receiptId = receiptId;
      this.receipt = receipt;
    }
  }

  private record StoredFeedback(ReceivedFeedback feedback, JsonNode tree) {}

  private record Route(HubEndpoint endpoint, String id, String allowed, boolean methodAllowed) {}

  // Configuration; survives reset().
  private String token;
  private Function<String, List<ProblemError>> validator = body -> List.of();
  private Clock clock = Clock.system(ZoneId.of("Asia/Tokyo"));
  private boolean requireInitialFirst = true;
  private boolean schemaValidation = true;
  private final Optional<SchemaCheck> schemaCheck;

  // State; cleared by reset().
  private final Map<String, StoredReport> reportsByKey = new LinkedHashMap<>();
  private final Map<String, StoredFeedback> feedbackByKey = new LinkedHashMap<>();
  private final List<String> advisories = new ArrayList<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<HubEndpoint, Integer> counts = new EnumMap<>(HubEndpoint.class);
  private int requests;
  private final ArrayDeque<HubRequest> journal = new ArrayDeque<>();
  private final List<FaultRule> faults = new ArrayList<>();
  private Reply down;

  HubState(Optional<SchemaCheck> schemaCheck) {
    this.schemaCheck = schemaCheck;
  }

  // ---------------------------------------------------------------- configuration

  synchronized void token(String token) {
    this.token = token;
  }

  synchronized void validator(Function<String, List<ProblemError>> validator) {
    this.validator = validator;
  }

  synchronized void clock(Clock clock) {
    this.clock = clock;
  }

  synchronized void schemaValidation(boolean enabled) {
    this.schemaValidation = enabled;
  }

  synchronized boolean hasSchema() {
    return schemaCheck.isPresent();
  }

  synchronized void requireInitialFirst(boolean require) {
    this.requireInitialFirst = require;
  }

  synchronized void reset() {
    reportsByKey.clear();
    feedbackByKey.clear();
    advisories.clear();
    attempts.clear();
    counts.clear();
    requests = 0;
    journal.clear();
    faults.clear();
    down = null;
    notifyAll();
  }

  // ---------------------------------------------------------------- test API

  synchronized void addFault(FaultRule rule) {
    faults.add(rule);
  }

  synchronized void clearFaults() {
    faults.clear();
  }

  synchronized void down(Reply reply) {
    this.down = reply;
  }

  synchronized void appendAdvisory(String jws) {
    advisories.add(jws);
  }

  synchronized void insertAdvisory(int position, String jws) {
    if (position < 0 || position > advisories.size()) {
      throw new IllegalArgumentException(
          "position must be within 0.." + advisories.size() + ": " + position);
    }
    advisories.add(position, jws);
  }

  synchronized List<String> advisories() {
    return List.copyOf(advisories);
  }

  synchronized List<ReceivedReport> reports() {
    return reportsByKey.values().stream().map(s -> s.report).toList();
  }

  synchronized List<ReceivedFeedback> feedback() {
    return feedbackByKey.values().stream().map(StoredFeedback::feedback).toList();
  }

  synchronized List<HubRequest> requests() {
    return List.copyOf(journal);
  }

  synchronized int requestCount() {
    return requests;
  }

  synchronized int requestCount(HubEndpoint endpoint) {
    return endpoint == HubEndpoint.ANY ? requests : counts.getOrDefault(endpoint, 0);
  }

  synchronized int attempts(String key) {
    return attempts.getOrDefault(key, 0);
  }

  synchronized void setStatus(String reportId, String status) {
    if (!REPORT_STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "status must be one of " + REPORT_STATUSES + ": " + status);
    }
    stored(reportId).status = status;
  }

  synchronized String ask(String reportId, String text) {
    StoredReport stored = stored(reportId);
    String id = UUID.randomUUID().toString();
    ObjectNode question = JSON.createObjectNode();
    question.put("id", id);
    question.put("text", text);
    question.put("askedAt", now());
    stored.questions.add(question);
    return id;
  }

  private StoredReport stored(String reportId) {
    StoredReport stored = reportsByKey.get(reportId);
    if (stored == null) {
      throw new IllegalArgumentException("reportId was never accepted by this hub: " + reportId);
    }
    return stored;
  }

  /** Waits (bounded, real time) until at least {@code n} reports are stored. */
  synchronized List<ReceivedReport> awaitReports(int n, long timeoutNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (reportsByKey.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return reports();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return reports();
  }

  // ---------------------------------------------------------------- request processing

  synchronized Reply handle(
      String method, String url, Map<String, String> headerValues, Headers headers, byte[] body) {
    int query = url.indexOf('?');
    String path = query < 0 ? url : url.substring(0, query);
    Map<String, String> params = query < 0 ? Map.of() : parseQuery(url.substring(query + 1));
    Route route = route(method, path);
    HubEndpoint endpoint = route == null ? null : route.endpoint();
    requests++;
    journal.addLast(new HubRequest(method, url, redacted(headerValues)));
    if (journal.size() > MAX_JOURNAL) {
      journal.removeFirst();
    }
    if (endpoint != null) {
      counts.merge(endpoint, 1, Integer::sum);
    }
    if (endpoint == HubEndpoint.SUBMIT_REPORT && route.methodAllowed()) {
      String key = headers.get("Idempotency-Key");
      if (key != null && !key.isBlank()) {
        attempts.merge(key.trim(), 1, Integer::sum);
      }
    }
    if (down != null) {
      return down;
    }
    FaultRule rule = takeFault(endpoint);
    if (rule != null && rule.mode() == FaultRule.Mode.INSTEAD) {
      return rule.reply(endpoint, null);
    }
    Reply reply = process(route, params, headers, body);
    notifyAll();
    return rule == null ? reply : rule.reply(endpoint, reply);
  }

  private static Map<String, String> redacted(Map<String, String> headers) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.replaceAll(
        (name, value) -> {
          if (!name.equalsIgnoreCase("Authorization")) {
            return value;
          }
          int space = value.indexOf(' ');
          return (space < 0 ? "" : value.substring(0, space + 1)) + "<redacted>";
        });
    return copy;
  }

  private FaultRule takeFault(HubEndpoint endpoint) {
    for (Iterator<FaultRule> it = faults.iterator(); it.hasNext(); ) {
      FaultRule rule = it.next();
      if (rule.takeFor(endpoint)) {
        if (rule.exhausted()) {
          it.remove();
        }
        return rule;
      }
    }
    return null;
  }

  private static Route route(String method, String path) {
    if (path.equals("/v1/reports")) {
      return new Route(HubEndpoint.SUBMIT_REPORT, null, "POST", method.equals("POST"));
    }
    var reportMatch = REPORT_PATH.matcher(path);
    if (reportMatch.matches()) {
      return new Route(
          HubEndpoint.REPORT_STATUS, decode(reportMatch.group(1)), "GET", method.equals("GET"));
    }
    if (path.equals("/v1/advisories")) {
      return new Route(HubEndpoint.ADVISORIES, null, "GET", method.equals("GET"));
    }
    var feedbackMatch = FEEDBACK_PATH.matcher(path);
    if (feedbackMatch.matches()) {
      return new Route(
          HubEndpoint.FEEDBACK, decode(feedbackMatch.group(1)), "POST", method.equals("POST"));
    }
    return null;
  }

  private Reply process(Route route, Map<String, String> params, Headers headers, byte[] body) {
    if (route == null) {
      return problem(404, "not-found", "Not Found", "No such resource in hub API v1.");
    }
    if (!route.methodAllowed()) {
      return problem(
              405,
              "method-not-allowed",
              "Method Not Allowed",
              "This resource accepts " + route.allowed() + " only.")
          .withHeader("Allow", route.allowed());
    }
    Reply unauthorized = authenticate(headers);
    if (unauthorized != null) {
      return unauthorized;
    }
    switch (route.endpoint()) {
      case SUBMIT_REPORT:
        return submitReport(headers, body);
      case REPORT_STATUS:
        return reportStatus(route.id());
      case ADVISORIES:
        return advisoriesPage(params, headers);
      case FEEDBACK:
        return submitFeedback(route.id(), headers, body);
      default:
        throw new IllegalStateException("unrouted endpoint " + route.endpoint());
    }
  }

  private Reply authenticate(Headers headers) {
    if (token == null) {
      return null;
    }
    String authorization = headers.get("Authorization");
    if (authorization == null) {
      return problem(401, "unauthorized", "Unauthorized", "A bearer token is required.")
          .withHeader("WWW-Authenticate", "Bearer realm=\"cisharing\"");
    }
    boolean bearer =
        authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            && authorization.substring(7).trim().equals(token);
    if (!bearer) {
      // Never echo the presented token.
      return problem(401, "unauthorized", "Unauthorized", "The bearer token is not valid.")
          .withHeader("WWW-Authenticate", "Bearer realm=\"cisharing\", error=\"invalid_token\"");
    }
    return null;
  }

  private Reply checkBody(Headers headers, byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      return problem(
          413,
          "payload-too-large",
          "Payload Too Large",
          "The body has " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + " bytes.");
    }
    String contentType = headers.get("Content-Type");
    if (!isJson(contentType)) {
      return problem(
          415,
          "unsupported-media-type",
          "Unsupported Media Type",
          "Expected Content-Type application/json (UTF-8), got "
              + (contentType == null ? "none" : contentType)
              + ".");
    }
    String key = headers.get("Idempotency-Key");
    if (key == null || key.isBlank()) {
      return problem(
          400,
          "missing-idempotency-key",
          "Idempotency-Key Required",
          "Every POST must carry an Idempotency-Key header.");
    }
    return null;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].trim().split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")
          && (param.length < 2 || !unquote(param[1]).equalsIgnoreCase("utf-8"))) {
        return false;
      }
    }
    return true;
  }

  private static String unquote(String value) {
    String v = value.trim();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /** The parsed body, or null with {@code error[0]} set to a reason. */
  private static JsonNode parse(byte[] body, String[] error) {
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        error[0] = "the body is empty";
        return null;
      }
      return tree;
    } catch (JsonProcessingException e) {
      error[0] = e.getOriginalMessage();
      return null;
    } catch (IOException e) {
      error[0] = String.valueOf(e.getMessage());
      return null;
    }
  }

  private static Reply malformed(String error) {
    return problem(400, "malformed-json", "Malformed JSON", "The body is not valid JSON: " + error);
  }

  // ---------------------------------------------------------------- POST /v1/reports

  private Reply submitReport(Headers headers, byte[] body) {
    Reply refused = checkBody(headers, body);
    if (refused != null) {
      return refused;
    }
    String key = headers.get("Idempotency-Key").trim();
    String[] error = new String[1];
    JsonNode tree = parse(body, error);
    if (tree == null) {
      return malformed(error[0]);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    List<ProblemError> errors = validateReport(tree, key, text);
    if (!errors.isEmpty()) {
      return validationProblem("The report is not a valid cisharing.report/1 document.", errors);
    }
    StoredReport existing = reportsByKey.get(key);
    if (existing != null) {
      if (existing.tree.equals(tree)) {
        return receiptReply(200, existing);
      }
      return problem(
          409,
          "idempotency-conflict",
          "Idempotency Key Reused",
          "Idempotency-Key "
              + key
              + " was already used for a different report body. A retry must resend the"
              + " identical report; a changed report needs a new reportId.");
    }
    String incidentId = tree.get("incidentId").asText();
    String stage = tree.get("stage").asText();
    String conflict = stageConflict(incidentId, stage);
    if (conflict != null) {
      return problem(409, "stage-conflict", "Stage Conflict", conflict);
    }
    String receivedAt = now();
    String receiptId = UUID.randomUUID().toString();
    ReceivedReport report =
        new ReceivedReport(
            key,
            incidentId,
            stage,
            tree.get("revision").intValue(),
            text,
            OffsetDateTime.parse(receivedAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    ObjectNode receipt = JSON.createObjectNode();
    receipt.put("schema", "cisharing.receipt/1");
    receipt.put("receiptId", receiptId);
    receipt.put("reportId", key);
    receipt.put("incidentId", incidentId);
    receipt.put("receivedAt", receivedAt);
    receipt.put("status", "accepted");
    StoredReport stored = new StoredReport(report, tree, receiptId, receipt.toString());
    reportsByKey.put(key, stored);
    return receiptReply(201, stored);
  }

  private Reply receiptReply(int status, StoredReport stored) {
    return json(status, stored.receipt.getBytes(StandardCharsets.UTF_8))
        .withHeader("Location", "/v1/reports/" + stored.report.reportId());
  }

  private List<ProblemError> validateReport(JsonNode tree, String key, String text) {
    List<ProblemError> errors = new ArrayList<>();
    if (!tree.isObject()) {
      errors.add(new ProblemError("", "must be a JSON object"));
      return errors;
    }
    JsonNode schema = tree.get("schema");
    if (schema == null) {
      errors.add(new ProblemError("/schema", "is required; expected \"cisharing.report/1\""));
    } else if (!schema.isTextual() || !schema.asText().equals("cisharing.report/1")) {
      String value = schema.asText();
      errors.add(
          new ProblemError(
              "/schema",
              value.startsWith("cisharing.report/")
                  ? "unsupported version " + value + "; this hub accepts cisharing.report/1"
                  : "expected \"cisharing.report/1\""));
    }
    JsonNode reportId = tree.get("reportId");
    if (uuid(errors, "/reportId", reportId) && !reportId.asText().equals(key)) {
      errors.add(new ProblemError("/reportId", "must equal the Idempotency-Key header"));
    }
    uuid(errors, "/incidentId", tree.get("incidentId"));
    JsonNode stage = tree.get("stage");
    if (stage == null) {
      errors.add(new ProblemError("/stage", "is required"));
    } else if (!stage.isTextual() || !STAGES.contains(stage.asText())) {
      errors.add(new ProblemError("/stage", "must be one of initial, update, final"));
    }
    JsonNode revision = tree.get("revision");
    if (revision == null) {
      errors.add(new ProblemError("/revision", "is required"));
    } else if (!revision.isIntegralNumber() || !revision.canConvertToInt() || revision.intValue() < 1) {
      errors.add(new ProblemError("/revision", "must be an integer of at least 1"));
    }
    Set<ProblemError> all = new LinkedHashSet<>(errors);
    if (schemaValidation) {
      all.addAll(schemaCheck.map(check -> check.validate(tree)).orElse(List.of()));
    }
    List<ProblemError> extra = validator.apply(text);
    if (extra != null) {
      extra.stream().filter(Objects::nonNull).forEach(all::add);
    }
    return new ArrayList<>(all);
  }

  private static boolean uuid(List<ProblemError> errors, String pointer, JsonNode node) {
    if (node == null) {
      errors.add(new ProblemError(pointer, "is required"));
      return false;
    }
    if (!node.isTextual() || !UUID_TEXT.matcher(node.asText()).matches()) {
      errors.add(new ProblemError(pointer, "must be a UUID"));
      return false;
    }
    return true;
  }

  private String stageConflict(String incidentId, String stage) {
    boolean hasInitial = false;
    for (StoredReport stored : reportsByKey.values()) {
      if (!stored.report.incidentId().equals(incidentId)) {
        continue;
      }
      if (stored.report.stage().equals("final")) {
        return "Incident "
            + incidentId
            + " already has a final report ("
            + stored.report.reportId()
            + "); no "
            + stage
            + " report is accepted after it.";
      }
      if (stored.report.stage().equals("initial")) {
        hasInitial = true;
        if (stage.equals("initial")) {
          return "Incident "
              + incidentId
              + " already has an initial report ("
              + stored.report.reportId()
              + "); send an update instead.";
        }
      }
    }
    if (requireInitialFirst && !hasInitial && !stage.equals("initial")) {
      return "Incident " + incidentId + " has no initial report yet; the " + stage
          + " report must follow it.";
    }
    return null;
  }

  // ---------------------------------------------------------------- GET /v1/reports/{id}

  private Reply reportStatus(String reportId) {
    StoredReport stored = reportsByKey.get(reportId);
    if (stored == null) {
      return problem(404, "not-found", "Not Found", "No report " + reportId + " was received.");
    }
    ObjectNode receipt;
    try {
      receipt = (ObjectNode) JSON.readTree(stored.receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored receipt is not JSON", e);
    }
    receipt.put("status", stored.status);
    if (!stored.questions.isEmpty()) {
      ArrayNode questions = receipt.putArray("questions");
      stored.questions.forEach(q -> questions.add(q.deepCopy()));
    }
    return json(200, receipt.toString().getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- GET /v1/advisories

  private Reply advisoriesPage(Map<String, String> params, Headers headers) {
    int limit = DEFAULT_LIMIT;
    String limitText = params.get("limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        return problem(
            400,
            "invalid-parameter",
            "Invalid Parameter",
            "limit must be an integer within 1.." + MAX_LIMIT + ", got " + limitText + ".");
      }
    }
    int position = 0;
    String after = params.get("after");
    if (after != null && !after.isEmpty()) {
      position = decodeCursor(after);
      if (position < 0) {
        return problem(
            400, "invalid-cursor", "Invalid Cursor", "The after cursor was not issued by this hub.");
      }
    }
    int from = Math.min(position, advisories.size());
    int to = Math.min(from + limit, advisories.size());
    ObjectNode page = JSON.createObjectNode();
    ArrayNode items = page.putArray("items");
    for (String jws : advisories.subList(from, to)) {
      items.addObject().put("jws", jws);
    }
    page.put("next", encodeCursor(position > advisories.size() ? position : to));
    byte[] body = page.toString().getBytes(StandardCharsets.UTF_8);
    String etag = "\"" + sha256Hex(body).substring(0, 32) + "\"";
    String ifNoneMatch = headers.get("If-None-Match");
    if (ifNoneMatch != null && etagMatches(ifNoneMatch, etag)) {
      return Reply.of(304, Map.of("ETag", etag), null);
    }
    return json(200, body).withHeader("ETag", etag).withHeader("Cache-Control", "no-cache");
  }

  static boolean etagMatches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2); // weak comparison (RFC 9110 section 13.1.2)
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String encodeCursor(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + position).getBytes(StandardCharsets.US_ASCII));
  }

  static int decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(CURSOR_PREFIX)) {
        return -1;
      }
      int position = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
      return position < 0 ? -1 : position;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- POST feedback

  private Reply submitFeedback(String advisoryId, Headers headers, byte[] body) {
    Reply refused = checkBody(headers, body);
    if (refused != null) {
      return refused;
    }
    String key = headers.get("Idempotency-Key").trim();
    String[] error = new String[1];
    JsonNode tree = parse(body, error);
    if (tree == null) {
      return malformed(error[0]);
    }
    List<ProblemError> errors = validateFeedback(tree, advisoryId);
    if (!errors.isEmpty()) {
      return validationProblem("The feedback is not a valid cisharing.feedback/1 document.", errors);
    }
    StoredFeedback existing = feedbackByKey.get(key);
    if (existing != null) {
      if (existing.tree().equals(tree)) {
        return Reply.of(202, Map.of(), null);
      }
      return problem(
          409,
          "idempotency-conflict",
          "Idempotency Key Reused",
          "Idempotency-Key " + key + " was already used for different feedback.");
    }
    ReceivedFeedback feedback =
        new ReceivedFeedback(
            advisoryId,
            key,
            tree.get("status").asText(),
            new String(body, StandardCharsets.UTF_8),
            OffsetDateTime.parse(now(), DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    feedbackByKey.put(key, new StoredFeedback(feedback, tree));
    return Reply.of(202, Map.of(), null);
  }

  private static List<ProblemError> validateFeedback(JsonNode tree, String advisoryId) {
    List<ProblemError> errors = new ArrayList<>();
    if (!tree.isObject()) {
      errors.add(new ProblemError("", "must be a JSON object"));
      return errors;
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || !schema.asText().equals("cisharing.feedback/1")) {
      errors.add(new ProblemError("/schema", "expected \"cisharing.feedback/1\""));
    }
    JsonNode id = tree.get("advisoryId");
    if (id == null || !id.isTextual()) {
      errors.add(new ProblemError("/advisoryId", "is required"));
    } else if (!id.asText().equals(advisoryId)) {
      errors.add(new ProblemError("/advisoryId", "must equal the advisory id in the path"));
    }
    JsonNode status = tree.get("status");
    if (status == null || !status.isTextual() || !FEEDBACK_STATUSES.contains(status.asText())) {
      errors.add(
          new ProblemError("/status", "must be one of received, in-progress, done, not-applicable"));
    }
    JsonNode usefulness = tree.get("usefulness");
    if (usefulness != null
        && (!usefulness.isIntegralNumber() || usefulness.intValue() < 1 || usefulness.intValue() > 5)) {
      errors.add(new ProblemError("/usefulness", "must be an integer within 1..5"));
    }
    JsonNode revision = tree.get("revision");
    if (revision != null && (!revision.isIntegralNumber() || revision.intValue() < 1)) {
      errors.add(new ProblemError("/revision", "must be an integer of at least 1"));
    }
    JsonNode at = tree.get("at");
    if (at != null) {
      try {
        OffsetDateTime.parse(at.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        errors.add(new ProblemError("/at", "must be an RFC 3339 timestamp with an offset"));
      }
    }
    return errors;
  }

  // ---------------------------------------------------------------- helpers

  private String now() {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS));
  }

  private static Reply json(int status, byte[] body) {
    return Reply.of(status, Map.of("Content-Type", "application/json"), body);
  }

  static Reply problem(int status, String type, String title, String detail) {
    return problem(status, type, title, detail, List.of());
  }

  static Reply problem(
      int status, String type, String title, String detail, List<ProblemError> errors) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", PROBLEM_BASE + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    if (!errors.isEmpty()) {
      ArrayNode array = problem.putArray("errors");
      for (ProblemError error : errors) {
        array.addObject().put("pointer", error.pointer()).put("detail", error.detail());
      }
    }
    return Reply.of(
        status,
        Map.of("Content-Type", "application/problem+json"),
        problem.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static Reply validationProblem(String detail, List<ProblemError> errors) {
    return problem(422, "validation-failed", "Validation Failed", detail, errors);
  }

  /** A generic problem for an injected HTTP status. */
  static Reply statusProblem(int status) {
    return switch (status) {
      case 429 -> problem(429, "rate-limited", "Too Many Requests", "Slow down and retry later.");
      case 500 -> problem(500, "internal-error", "Internal Server Error", "The hub failed.");
      case 502 -> problem(502, "bad-gateway", "Bad Gateway", "An upstream of the hub failed.");
      case 503 ->
          problem(503, "service-unavailable", "Service Unavailable", "The hub is unavailable.");
      case 504 ->
          problem(504, "gateway-timeout", "Gateway Timeout", "An upstream of the hub timed out.");
      default ->
          problem(
              status,
              "status-" + status,
              "HTTP " + status,
              "The hub answered " + status + ".");
    };
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
