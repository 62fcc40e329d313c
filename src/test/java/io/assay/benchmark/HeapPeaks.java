package io.assay.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap's peaks over one phase of a benchmark, from its start: the heap pools' own
 * peaks summed (each pool's at its own moment, so the sum can pass the limit) and the
 * used heap sampled every 100 ms (how far the collector let it fill, not what was
 * needed).
 */
final class HeapPeaks implements AutoCloseable {

	private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sampled = new AtomicLong();

	private HeapPeaks() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		this.sampling
			.scheduleAtFixedRate(
					() -> this.sampled.accumulateAndGet(
							ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max),
					0, 100, TimeUnit.MILLISECONDS);
	}

	static HeapPeaks fromNow() {
		return new HeapPeaks();
	}

	long sampledMegabytes() {
		return this.sampled.get() >> 20;
	}

	static long poolPeaksMegabytes() {
		return ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum() >> 20;
	}

	@Override
	public void close() {
		this.sampling.shutdownNow();
	}

}
