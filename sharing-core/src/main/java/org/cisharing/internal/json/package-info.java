/** The Jackson mapping behind {@link org.cisharing.json.SharingJson}. Not API. */
package org.cisharing.internal.json;
