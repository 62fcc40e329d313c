package io.assay.evaluation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.assay.Eventually;
import io.assay.StandInMessagesApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A judge's call stopped (its thread interrupted) while the stand-in provider holds the
 * answer back, as when the service shuts down or a job stops its other calls.
 */
final class StoppedCall {

	private StoppedCall() {
	}

	/**
	 * What {@code call} returned or threw once its thread was interrupted, after the
	 * stand-in had received its request.
	 */
	static Object endOf(StandInMessagesApi api, Supplier<?> call) throws InterruptedException {
		int before = api.received().size();
		AtomicReference<Object> ended = new AtomicReference<>();
		Thread asking = Thread.ofPlatform().start(() -> {
			try {
				ended.set(call.get());
			}
			catch (RuntimeException ex) {
				ended.set(ex);
			}
		});
		Eventually.until(Duration.ofSeconds(30), () -> api.received().size(), asked -> asked > before);

		asking.interrupt();
		asking.join(Duration.ofSeconds(30));

		assertThat(asking.isAlive()).as("stopped").isFalse();
		return ended.get();
	}

}
