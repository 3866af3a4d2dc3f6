/** Turns Zabbix webhook calls into observations for the incident tracker. */
package org.cisharing.examples.zabbix;
