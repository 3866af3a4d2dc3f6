/**
 * The file and segment outboxes' storage: record format, group-committed directory syncs, recovery
 * helpers.
 */
package org.cisharing.internal.outbox;
