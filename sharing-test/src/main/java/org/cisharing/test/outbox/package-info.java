/** The compatibility kit every {@link org.cisharing.outbox.Outbox} implementation must pass. */
package org.cisharing.test.outbox;
