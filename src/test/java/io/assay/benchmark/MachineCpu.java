package io.assay.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far (Linux {@code /proc/stat}), for benchmarks on a machine
 * whose hypervisor takes a varying share: what the machine spent is steadier than wall
 * time, and the time stolen by the host says how much to trust a run.
 *
 * @param busySeconds core-seconds spent by every process (user, nice, system, interrupts)
 * @param stolenSeconds core-seconds the virtual cores waited for the host
 */
record MachineCpu(double busySeconds, double stolenSeconds) {

	static MachineCpu now() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		// cpu user nice system idle iowait irq softirq steal ..., in hundredths of a
		// second
		long busy = Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
				+ Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
		return new MachineCpu(busy / 100.0, Long.parseLong(fields[8]) / 100.0);
	}

	/** What the machine spent from {@code before} to this. */
	MachineCpu since(MachineCpu before) {
		return new MachineCpu(this.busySeconds - before.busySeconds, this.stolenSeconds - before.stolenSeconds);
	}

}
