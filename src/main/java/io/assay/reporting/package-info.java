/**
 * Reports of assessments (PDF, CSV, XLSX) and links that share them, read-only and for a
 * limited time, with people who have no account.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "workflow", "assessment" })
@NullMarked
package io.assay.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
