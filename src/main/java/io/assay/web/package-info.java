/**
 * The signed-in browser shell: the pages that bring several modules together (the home
 * page now, the dashboard as the product grows).
 */
@ApplicationModule(allowedDependencies = { "platform", "identity" })
@NullMarked
package io.assay.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
