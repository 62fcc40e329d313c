/** HTTP face of reporting: report downloads, share links, the public report page. */
@NullMarked
package io.assay.reporting.web;

import org.jspecify.annotations.NullMarked;
