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

	/** "a minute", "14 minutes": a wait, rounded up to whole minutes. */
	public static String words(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		return minutes == 1 ? "a minute" : minutes + " minutes";
	}

}
