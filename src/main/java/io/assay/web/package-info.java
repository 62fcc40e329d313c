/**
 * The signed-in browser shell: the pages that bring several modules together, such as the
 * dashboard, which reads through each module's public API.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "workflow", "assessment", "audit", "billing" })
@NullMarked
package io.assay.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
