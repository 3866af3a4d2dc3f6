/** The OkHttp transport to the hub. Not API. */
package org.cisharing.internal.http;
