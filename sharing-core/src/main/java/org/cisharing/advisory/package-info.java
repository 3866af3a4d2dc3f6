/** Advisories from the hub: the model, signature verification, CSAF import, asset matching and routing to roles. */
package org.cisharing.advisory;
