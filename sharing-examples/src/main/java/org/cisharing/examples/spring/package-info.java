/** A Spring Boot monitoring application with the sharing starter: alert intake and role desks. */
package org.cisharing.examples.spring;
