/**
 * Spring Boot auto-configuration for {@code sharing}: {@code sharing.*} properties, the hub client
 * and its lifecycle, incident tracking, advisories with {@link
 * org.cisharing.spring.boot.AdvisoryListener} methods and an optional webhook, health and metrics.
 */
package org.cisharing.spring.boot;
