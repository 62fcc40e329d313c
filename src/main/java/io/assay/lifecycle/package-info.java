/**
 * An organisation's data as a whole, for its administrators and the GDPR: everything it
 * owns exported as one archive, and the organisation deleted with everything it owns, a
 * record of the deletion kept outside it.
 */
@ApplicationModule(allowedDependencies = { "platform", "identity", "document", "audit" })
@NullMarked
package io.assay.lifecycle;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
