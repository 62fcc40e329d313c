package io.assay;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, looking again every few milliseconds. */
public final class Eventually {

	private Eventually() {
	}

	public static <T> T until(Duration deadline, Supplier<T> value, Predicate<T> condition) {
		long end = System.nanoTime() + deadline.toNanos();
		T last = value.get();
		while (!condition.test(last)) {
			if (System.nanoTime() > end) {
				throw new AssertionError("Condition not met within " + deadline + "; last value: " + last);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting", ex);
			}
			last = value.get();
		}
		return last;
	}

}
