/** Test kit for operators' own tests: {@link org.cisharing.test.MockSharingHub}, a faithful fake of the hub API, and its JUnit 5 extension. */
package org.cisharing.test;
