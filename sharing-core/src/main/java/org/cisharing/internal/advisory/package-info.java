/** Implementation of advisory matching and CSAF import; not API. */
package org.cisharing.internal.advisory;
