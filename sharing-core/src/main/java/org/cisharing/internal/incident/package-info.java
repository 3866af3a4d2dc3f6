/** The incident tracker's worker state and hand-off queue. Not API. */
package org.cisharing.internal.incident;
