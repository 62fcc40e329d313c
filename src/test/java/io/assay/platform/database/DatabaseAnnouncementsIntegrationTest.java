package io.assay.platform.database;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.assay.Eventually;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that joins while the copy runs is told to look again once its channel is
 * heard, and hears every announcement after that: nothing committed around the moment it
 * joined can fall between the two (work queued just after start-up was once left for the
 * next poll, an hour later where polls are rare).
 */
class DatabaseAnnouncementsIntegrationTest extends IntegrationTest {

	@Test
	void aListenerThatJoinsLateLooksAgainAndThenHearsEverything() {
		DatabaseAnnouncements announcements = this.context.getBean(DatabaseAnnouncements.class);
		List<String> heard = new CopyOnWriteArrayList<>();
		AtomicInteger lookedAgain = new AtomicInteger();
		announcements.listen("late_listener_test", new DatabaseAnnouncements.Listener() {

			@Override
			public void announced(String payload) {
				heard.add(payload);
			}

			@Override
			public void mayHaveMissed() {
				lookedAgain.incrementAndGet();
			}

		});

		Eventually.until(Duration.ofSeconds(60), lookedAgain::get, count -> count > 0);
		this.database.asOwner()
			.sql("select pg_notify('late_listener_test', 'after looking again')")
			.query()
			.listOfRows();
		Eventually.until(Duration.ofSeconds(60), () -> List.copyOf(heard),
				payloads -> payloads.contains("after looking again"));
		assertThat(lookedAgain.get()).as("told once, not at every wait").isEqualTo(1);
	}

}
