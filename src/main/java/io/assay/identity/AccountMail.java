package io.assay.identity;

/**
 * Whether this server can send the emails accounts rely on (invitations, password
 * resets). Answered by the module that sends mail; without it an administrator is given
 * an invitation's link to pass on, and a forgotten password needs an administrator.
 */
public interface AccountMail {

	boolean canSend();

}
