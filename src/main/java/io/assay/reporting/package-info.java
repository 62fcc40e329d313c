/**
 * Reports of assessments (PDF, CSV, XLSX) and links that share them, read-only and for a
 * limited time, with people who have no account: the report, and the pages its evidence
 * cites (rendered from the documents).
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "workflow", "assessment", "document" })
@NullMarked
package io.assay.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
