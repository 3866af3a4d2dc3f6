/**
 * Scope classification: decides from an {@link org.cisharing.scope.Observation} whether an event is
 * in the sharing scope, what it is, why, and how urgent, with rules kept as data.
 */
package org.cisharing.scope;
