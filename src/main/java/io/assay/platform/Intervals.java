package io.assay.platform;

import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.util.PGInterval;

/** Durations as PostgreSQL intervals, and as people read them in a message. */
public final class Intervals {

	private Intervals() {
	}

	public static PGInterval of(Duration duration) {
		try {
			return new PGInterval(duration.toSeconds() + " seconds");
		}
		catch (SQLException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * "a minute", "14 minutes", "an hour", "7 days" (or "eine Stunde"): a wait or a
	 * lifetime, rounded up to whole minutes and said in the largest unit that divides it.
	 */
	public static Wording wording(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		if (minutes % (24 * 60) == 0) {
			return Wording.of("duration.days", minutes / (24 * 60));
		}
		if (minutes % 60 == 0) {
			return Wording.of("duration.hours", minutes / 60);
		}
		return Wording.of("duration.minutes", minutes);
	}

}
