/**
 * Organisations, their users and roles, sign-up, login, access tokens, and the security
 * that binds every request to its user's organisation.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "billing" })
@NullMarked
package io.assay.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
