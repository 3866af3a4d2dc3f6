/** The durable outbox: reports and feedback are stored here before the hub has them. */
package org.cisharing.outbox;
