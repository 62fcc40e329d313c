package io.assay.identity;

import java.util.UUID;

/**
 * An account was made for an address that already has one in another organisation. The
 * one who made it is not told (that would say the address is known); the address's owner
 * is, by email.
 */
public record AccountForKnownAddress(String email, UUID userId, String organizationName) {
}
