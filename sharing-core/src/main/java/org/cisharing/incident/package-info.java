/** Incident tracking: from a flood of observations to a few staged reports, with deadlines. */
package org.cisharing.incident;
