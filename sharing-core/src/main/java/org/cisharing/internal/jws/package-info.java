/** JWS (RFC 7515) compact-serialization verification and JWK (RFC 7517) key parsing with JDK crypto; not API. */
package org.cisharing.internal.jws;
