package io.assay.identity;

import java.util.UUID;

/**
 * An invitation's email is due (it was just made, or an administrator asked to resend
 * it). Published in the transaction that recorded it; the link's secret is made only when
 * the email is written ({@link Invitations#letter}).
 *
 * @param sending which sending of this invitation this is, from 1
 */
public record InvitationToSend(UUID organizationId, UUID invitationId, int sending) {
}
