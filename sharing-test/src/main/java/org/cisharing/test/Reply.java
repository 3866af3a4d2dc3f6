package org.cisharing.test;

import com.github.tomakehurst.wiremock.http.Fault;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the hub answers to one request: a status with headers and body, or a socket fault. */
record Reply(int status, Map<String, String> headers, byte[] body, Fault fault, int delayMillis) {
  Reply {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  static Reply of(int status, Map<String, String> headers, byte[] body) {
    return new Reply(status, headers, body, null, 0);
  }

  static Reply fault(Fault fault) {
    return new Reply(0, Map.of(), null, fault, 0);
  }

  Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body, fault, delayMillis);
  }

  Reply withDelay(int millis) {
    return new Reply(status, headers, body, fault, millis);
  }
}
