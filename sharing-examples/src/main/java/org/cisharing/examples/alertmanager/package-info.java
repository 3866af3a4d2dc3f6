/** Turns Prometheus Alertmanager webhook payloads into observations for the incident tracker. */
package org.cisharing.examples.alertmanager;
