package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A person or desk the hub can reach about a report. Shapes (e-mail, phone) are checked by the
 * validation of the document that carries the contact, so every problem is listed at once.
 *
 * @param name person or desk name
 * @param email e-mail address, or {@code null}
 * @param phone phone number, or {@code null}
 * @param available24h whether the contact is reachable around the clock (24時間連絡先)
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String name, String email, String phone, boolean available24h) {
}
