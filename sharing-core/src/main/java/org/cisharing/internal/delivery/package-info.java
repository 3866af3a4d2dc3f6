/** The delivery loop that drains the outbox to the hub. Not API. */
package org.cisharing.internal.delivery;
