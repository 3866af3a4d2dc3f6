/** The wire format: one codec for every document exchanged with the hub. */
package org.cisharing.json;
