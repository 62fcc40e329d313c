-- Accounts are per organisation: an address may have one in each. A global unique address
-- made sign-up and "add user" answer differently for an address known in another
-- organisation, which told anyone whether it was. Login finds every account of the
-- address (assay_login_account already returns a set) and the password picks the account.
drop index users_email_key;
create unique index users_organization_email_key on users (organization_id, lower(email));
