/**
 * Spring Boot auto-configuration for {@code sharing}: {@code sharing.*} properties, the hub client
 * and its lifecycle, health and metrics.
 */
package org.cisharing.spring.boot;
