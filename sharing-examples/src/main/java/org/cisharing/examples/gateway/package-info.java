/** A plain-Java ICS/IoT gateway that turns JSON-lines observations into incident reports, without Spring. */
package org.cisharing.examples.gateway;
