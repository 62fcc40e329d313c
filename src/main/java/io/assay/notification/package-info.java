/**
 * Telling people and systems that an assessment ended: an email to whoever started it
 * (when SMTP is configured) and a signed webhook per organisation, both delivered as
 * durable jobs with retries.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "identity", "workflow", "assessment" })
@NullMarked
package io.assay.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
