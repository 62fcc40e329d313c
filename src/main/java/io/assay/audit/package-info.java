/**
 * The append-only, hash-chained audit trail: who did what, when and from where, written
 * in the same transaction as the action itself.
 */
@ApplicationModule(allowedDependencies = "platform")
@NullMarked
package io.assay.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
