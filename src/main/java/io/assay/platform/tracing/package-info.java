/**
 * Traces: whether and where the spans of requests and runs are exported.
 */
@NullMarked
package io.assay.platform.tracing;

import org.jspecify.annotations.NullMarked;
