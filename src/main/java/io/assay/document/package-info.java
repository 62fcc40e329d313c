/**
 * Uploaded documents: checked by content, stored encrypted (filesystem or any S3 API),
 * and parsed page by page, with the position of every line, into text the evaluation can
 * cite.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity" })
@NullMarked
package io.assay.document;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
