/** The export and deletion of an organisation over HTTP. */
@NullMarked
package io.assay.lifecycle.web;

import org.jspecify.annotations.NullMarked;
