/** The JDBC store's helpers: the incident registry shared by replicas through PostgreSQL. */
package org.cisharing.internal.outbox.jdbc;
