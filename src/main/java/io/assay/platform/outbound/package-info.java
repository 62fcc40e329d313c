/**
 * Requests Assay makes to addresses users give: only to public addresses, checked on
 * every connection.
 */
@NullMarked
package io.assay.platform.outbound;

import org.jspecify.annotations.NullMarked;
