/**
 * Test support: points the starter at a {@code MockSharingHub} from {@code sharing-test} with one
 * annotation or property.
 */
package org.cisharing.spring.boot.test;
