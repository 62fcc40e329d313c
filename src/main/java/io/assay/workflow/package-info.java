/**
 * Validation workflows: the document buckets a submission is sorted into and the criteria
 * the AI checks, their versions, and the ready-made templates an organisation starts
 * from.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "document" })
@NullMarked
package io.assay.workflow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
