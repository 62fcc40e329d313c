/**
 * Usage per organisation and month (assessments run, AI cost) and the limits of each
 * subscription tier.
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package io.assay.billing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
