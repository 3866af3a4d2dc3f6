/** Implementation details. Not API: may change in any release without notice. */
package org.cisharing.internal;
