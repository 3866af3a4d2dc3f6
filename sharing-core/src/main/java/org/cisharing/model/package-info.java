/** Values shared by reports, observations and advisories: sectors, TLP, roles, organisations. */
package org.cisharing.model;
