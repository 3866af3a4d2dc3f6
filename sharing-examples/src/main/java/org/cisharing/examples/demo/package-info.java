/** The README's demo: a water utility's morning of incidents and advisories against an embedded mock hub. */
package org.cisharing.examples.demo;
