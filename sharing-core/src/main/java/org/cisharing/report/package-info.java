/** Incident reports (情報連絡): the report, its parts, its stages and its validation. */
package org.cisharing.report;
