/** The entry points of the library: the hub client, its listener and the root exception. */
package org.cisharing;
