/** JWS (RFC 7515) compact-serialization verification with JDK crypto; not API. */
package org.cisharing.internal.jws;
