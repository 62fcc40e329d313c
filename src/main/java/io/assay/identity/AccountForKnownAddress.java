package io.assay.identity;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An account was made for an address that already has one in another organisation. The
 * one who made it is not told (that would say the address is known); the address's owner
 * is, by email, in {@code language} when their other accounts that chose a language all
 * chose the same one (else null: English).
 */
public record AccountForKnownAddress(String email, UUID userId, String organizationName, @Nullable String language) {
}
