/**
 * Assessments: a workflow version run against a submission's documents, as a durable
 * background job any copy of the service may pick up, with its progress and outcome.
 */
@ApplicationModule(
		allowedDependencies = { "platform", "audit", "identity", "workflow", "document", "billing", "evaluation" })
@NullMarked
package io.assay.assessment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
