/**
 * What every module stands on: the database (embedded by default), the organisation bound
 * to the current transaction, the origin of the current request, and the shared error
 * types that become problem+json responses.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.assay.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
