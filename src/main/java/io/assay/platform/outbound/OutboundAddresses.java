package io.assay.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Which network addresses a request made on a user's behalf may reach: only public ones.
 * Loopback, private, carrier-grade NAT, link-local (cloud metadata lives there),
 * unique-local, multicast, broadcast, documentation, reserved and unspecified addresses
 * are refused, and an IPv6 address that carries an IPv4 address (mapped, compatible,
 * NAT64, 6to4) is judged by the address it carries. It classifies the address a
 * connection really goes to, so every spelling of a host ({@code 2130706433},
 * {@code 127.1}, {@code [::ffff:7f00:1]}) ends at the same answer.
 */
public final class OutboundAddresses {

	private OutboundAddresses() {
	}

	/** Why the address may not be reached, or null when it is public. */
	public static @Nullable String refusal(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] bytes = v6.getAddress();
			byte[] carried = carriedIpv4(bytes);
			if (carried != null) {
				try {
					return refusal(InetAddress.getByAddress(carried));
				}
				catch (java.net.UnknownHostException ex) {
					throw new IllegalStateException("Four bytes are always an IPv4 address", ex);
				}
			}
			return ipv6Refusal(v6, bytes);
		}
		return ipv4Refusal((Inet4Address) address);
	}

	private static @Nullable String ipv4Refusal(Inet4Address address) {
		int ip = ((address.getAddress()[0] & 0xff) << 24) | ((address.getAddress()[1] & 0xff) << 16)
				| ((address.getAddress()[2] & 0xff) << 8) | (address.getAddress()[3] & 0xff);
		if (in(ip, 0x00000000, 8)) {
			return "an unspecified address";
		}
		if (in(ip, 0x7f000000, 8)) {
			return "a loopback address";
		}
		if (in(ip, 0x0a000000, 8) || in(ip, 0xac100000, 12) || in(ip, 0xc0a80000, 16)) {
			return "a private address";
		}
		if (in(ip, 0x64400000, 10)) {
			return "a carrier-grade NAT address";
		}
		if (in(ip, 0xa9fe0000, 16)) {
			return "a link-local address";
		}
		if (in(ip, 0xe0000000, 4)) {
			return "a multicast address";
		}
		if (in(ip, 0xf0000000, 4)) {
			return "a reserved address";
		}
		if (in(ip, 0xc0000000, 24) || in(ip, 0xc0000200, 24) || in(ip, 0xc6336400, 24) || in(ip, 0xcb007100, 24)
				|| in(ip, 0xc6120000, 15)) {
			return "a reserved address";
		}
		return null;
	}

	private static @Nullable String ipv6Refusal(Inet6Address address, byte[] bytes) {
		if (address.isAnyLocalAddress()) {
			return "an unspecified address";
		}
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (address.isSiteLocalAddress()) {
			return "a private address";
		}
		if ((bytes[0] & 0xfe) == 0xfc) {
			return "a unique-local address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x01 && (bytes[2] & 0xff) == 0x0d
				&& (bytes[3] & 0xff) == 0xb8) {
			return "a reserved address";
		}
		if ((bytes[0] & 0xff) == 0x01 && allZero(bytes, 1, 8)) {
			return "a reserved address";
		}
		return null;
	}

	/**
	 * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}), NAT64
	 * ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:AABB:CCDD::}) address; Java already
	 * turns IPv4-mapped addresses into IPv4 ones.
	 */
	private static byte @Nullable [] carriedIpv4(byte[] bytes) {
		if (allZero(bytes, 0, 12) && !(allZero(bytes, 12, 15) && (bytes[15] == 0 || bytes[15] == 1))) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		if ((bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
				&& (bytes[3] & 0xff) == 0x9b && allZero(bytes, 4, 12)) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
			return Arrays.copyOfRange(bytes, 2, 6);
		}
		if (allZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		return null;
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean in(int ip, int network, int prefix) {
		int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
		return (ip & mask) == (network & mask);
	}

	/**
	 * The kind a {@link #refusal} names, as a message key's last part: "a loopback
	 * address" is {@code loopback}, "a carrier-grade NAT address"
	 * {@code carrier-grade-nat}.
	 */
	static String kind(String refusal) {
		return refusal.replaceFirst("^an? ", "")
			.replaceFirst(" address$", "")
			.toLowerCase(java.util.Locale.ROOT)
			.replace(' ', '-');
	}

}
