package org.cisharing.report;

import java.util.List;
import org.cisharing.model.Contact;
import org.cisharing.model.Organization;

/**
 * Who reports: the organisation and the contacts the hub can reach about this report.
 *
 * @param organization the reporting organisation
 * @param contacts at least one contact
 * @since 0.1.0
 */
public record Reporter(Organization organization, List<Contact> contacts) {
  public Reporter {
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
  }

  public static Reporter of(Organization organization, Contact... contacts) {
    return new Reporter(organization, List.of(contacts));
  }
}
