package io.assay.identity;

import java.util.UUID;

import io.assay.billing.TierLimits;
import io.assay.platform.ConflictException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The accounts a subscription tier allows, counted as people plus open invitations (an
 * invitation holds a seat until it is accepted, revoked or expires), so that an
 * administrator cannot invite past the limit and have the invitee refused later.
 */
@Component
class Seats {

	private final JdbcClient db;

	Seats(JdbcClient db) {
		this.db = db;
	}

	/** How many seats are taken and how many the tier allows (null: no limit). */
	record Taken(long people, long invited, @Nullable Integer allowed, String tier) {

		boolean full() {
			return this.allowed != null && this.people + this.invited >= this.allowed;
		}

	}

	/**
	 * Serialises changes to the bound organisation's people for the rest of the
	 * transaction (two administrators cannot both take the last seat, nor demote each
	 * other at once) and answers its tier.
	 */
	String lock() {
		return this.db.sql("select subscription_tier from organizations for update").query(String.class).single();
	}

	Taken taken(@Nullable UUID exceptInvitation) {
		String tier = this.db.sql("select subscription_tier from organizations").query(String.class).single();
		long people = this.db.sql("select count(*) from users").query(Long.class).single();
		long invited = this.db.sql("""
				select count(*) from invitations
				 where accepted_at is null and revoked_at is null and (expires_at is null or expires_at > now())
				   and id is distinct from ?
				""").param(exceptInvitation).query(Long.class).single();
		return new Taken(people, invited, TierLimits.of(tier).users(), tier);
	}

	/**
	 * Locks the organisation and refuses another account when its tier's seats are taken.
	 * @param exceptInvitation the invitation being accepted, whose seat is the one taken
	 * @throws ConflictException when no seat is left
	 */
	void requireOneFree(@Nullable UUID exceptInvitation) {
		lock();
		Taken taken = taken(exceptInvitation);
		if (taken.full()) {
			throw new ConflictException(
					taken.invited() > 0
							? Wording.of("problem.seats-with-invitations", taken.tier(), taken.allowed(),
									taken.people(), taken.invited())
							: Wording.of("problem.seats", taken.tier(), taken.allowed()));
		}
	}

}
