/**
 * Turns a criterion and the text of documents into a verdict a person can check: finds
 * the pages that matter, asks a judge, and verifies every quote it cites against the
 * documents. Knows nothing of assessments.
 */
@ApplicationModule(allowedDependencies = { "platform", "document" })
@NullMarked
package io.assay.evaluation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
