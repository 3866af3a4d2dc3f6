/**
 * Test kit for operators' own tests: {@link org.cisharing.test.MockSharingHub}, a stateful fake
 * of the hub API v1 with fault injection and signing keys, and its JUnit 5 extension.
 */
package org.cisharing.test;
