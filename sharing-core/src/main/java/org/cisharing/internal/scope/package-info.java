/** The scope rule engine: parsing, merging and compiling rule files, and the evaluation loop. */
package org.cisharing.internal.scope;
