package io.assay.platform.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.net.SocketFactory;

import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one way Assay makes a request to an address a user gave (a webhook, and anything
 * else that fetches on a user's behalf): only to public addresses, unless the operator
 * named the host in {@code assay.outbound.allowed-hosts}. The address is checked when the
 * URL is given, for a clear answer, and again on every connection, at the address the
 * socket really connects to, so a name that resolves elsewhere later (DNS rebinding) gets
 * nowhere; redirects are not followed.
 */
@Component
public class OutboundRequests {

	private final Set<String> allowedHosts;

	OutboundRequests(OutboundProperties properties) {
		this.allowedHosts = properties.allowedHosts()
			.stream()
			.map(OutboundRequests::normalised)
			.filter(host -> !host.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The URL, when it is an absolute http or https URL whose host resolves to addresses
	 * that may be reached.
	 * @param field the input field named in the error
	 * @throws InvalidInputException saying why not
	 */
	public URI check(@Nullable String url, String field) {
		if (url == null || url.isBlank()) {
			throw InvalidInputException.of(field, Wording.of("field.must-be-given"));
		}
		if (url.length() > 2000) {
			throw InvalidInputException.of(field, Wording.of("field.too-long", 2000));
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (java.net.URISyntaxException ex) {
			throw InvalidInputException.of(field, Wording.of("url.not-a-url", ex.getReason()));
		}
		if (uri.getScheme() == null
				|| !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))
				|| uri.getHost() == null) {
			throw InvalidInputException.of(field, Wording.of("url.not-http"));
		}
		if (uri.getRawUserInfo() != null) {
			throw InvalidInputException.of(field, Wording.of("url.credentials"));
		}
		String host = normalised(uri.getHost());
		if (this.allowedHosts.contains(host)) {
			return uri;
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw InvalidInputException.of(field, Wording.of("url.unknown-host", host));
		}
		for (InetAddress address : addresses) {
			String refusal = OutboundAddresses.refusal(address);
			if (refusal != null) {
				throw InvalidInputException.of(field,
						Wording.of("url.leads-to." + OutboundAddresses.kind(refusal), address.getHostAddress()));
			}
		}
		return uri;
	}

	/**
	 * An HTTP client that connects only where {@link #check} would allow, follows no
	 * redirect and uses no proxy (a proxy would connect for it, unchecked).
	 */
	public OkHttpClient client(Duration timeout) {
		return new OkHttpClient.Builder().connectTimeout(timeout)
			.readTimeout(timeout)
			.writeTimeout(timeout)
			.callTimeout(timeout.multipliedBy(2))
			.followRedirects(false)
			.followSslRedirects(false)
			.proxy(Proxy.NO_PROXY)
			.socketFactory(new CheckedSockets())
			.build();
	}

	/**
	 * The message of the policy's refusal inside a failed call (which the HTTP client
	 * wraps), or the failure's own message.
	 */
	public static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedAddressException) {
				return String.valueOf(cause.getMessage());
			}
		}
		return String.valueOf(failure.getMessage());
	}

	private static String normalised(String host) {
		String bare = host.strip().toLowerCase(Locale.ROOT);
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		bare = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
		if (bare.indexOf(':') >= 0) {
			// An IPv6 literal has many spellings; compare the one Java prints.
			try {
				return InetAddress.getByName(bare).getHostAddress();
			}
			catch (UnknownHostException ex) {
				return bare;
			}
		}
		return bare;
	}

	/** Sockets that refuse, before any packet is sent, to connect where they may not. */
	private final class CheckedSockets extends SocketFactory {

		@Override
		public Socket createSocket() {
			return new CheckedSocket();
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return connected(new InetSocketAddress(host, port), null);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return connected(new InetSocketAddress(host, port), null);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
		}

		private Socket connected(InetSocketAddress target, @Nullable InetSocketAddress local) throws IOException {
			Socket socket = createSocket();
			if (local != null) {
				socket.bind(local);
			}
			socket.connect(target);
			return socket;
		}

	}

	private final class CheckedSocket extends Socket {

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress target) || target.isUnresolved()) {
				throw new UnknownHostException("Not connecting to an unresolved address: " + endpoint);
			}
			// OkHttp keeps the name it resolved (or the literal it was given) as the host
			// string, so an allowed host is recognised by what the operator wrote.
			boolean allowed = OutboundRequests.this.allowedHosts.contains(normalised(target.getHostString()));
			String refusal = OutboundAddresses.refusal(target.getAddress());
			if (refusal != null && !allowed) {
				throw new RefusedAddressException(target.getAddress().getHostAddress() + " is " + refusal
						+ ", which Assay does not send requests to");
			}
			super.connect(endpoint, timeout);
		}

	}

	/** A connection refused by the policy, before it was made. */
	public static final class RefusedAddressException extends java.net.ConnectException {

		RefusedAddressException(String message) {
			super(message);
		}

	}

}
