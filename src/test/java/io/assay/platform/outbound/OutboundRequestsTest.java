package io.assay.platform.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.assay.platform.InvalidInputException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The address classification over the spellings and ranges an attacker would try, and the
 * client's refusal at the socket, before a connection is made, unless the operator
 * allowed the host.
 */
class OutboundRequestsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1          | loopback
			2130706433         | loopback
			127.1              | loopback
			::1                | loopback
			::ffff:127.0.0.1   | loopback
			::127.0.0.1        | loopback
			0.0.0.0            | unspecified
			::                 | unspecified
			10.0.0.1           | private
			172.31.255.255     | private
			192.168.1.1        | private
			100.64.0.1         | carrier-grade NAT
			169.254.169.254    | link-local
			fe80::1            | link-local
			fd12:3456::1       | unique-local
			224.0.0.1          | multicast
			ff02::1            | multicast
			255.255.255.255    | reserved
			198.18.0.1         | reserved
			64:ff9b::a9fe:a9fe | link-local
			2002:7f00:1::      | loopback
			""")
	void refusesInternalAddresses(String address, String reason) throws Exception {
		assertThat(OutboundAddresses.refusal(InetAddress.getByName(address))).contains(reason);
	}

	@ParameterizedTest
	@CsvSource({ "93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "0177.0.0.1" })
	void allowsPublicAddresses(String address) throws Exception {
		assertThat(OutboundAddresses.refusal(InetAddress.getByName(address))).isNull();
	}

	@Test
	void theClientRefusesAtTheSocketUnlessTheHostIsAllowed() throws Exception {
		AtomicInteger accepted = new AtomicInteger();
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				while (!listener.isClosed()) {
					try (Socket socket = listener.accept()) {
						accepted.incrementAndGet();
						socket.getOutputStream()
							.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes());
					}
					catch (IOException ex) {
						// closed
					}
				}
			});
			String url = "http://localhost:" + listener.getLocalPort() + "/hook";
			OkHttpClient guarded = new OutboundRequests(new OutboundProperties(List.of()))
				.client(Duration.ofSeconds(5));
			assertThatExceptionOfType(java.net.ConnectException.class)
				.isThrownBy(() -> guarded.newCall(new Request.Builder().url(url).build()).execute())
				.withRootCauseInstanceOf(OutboundRequests.RefusedAddressException.class)
				.satisfies(ex -> assertThat(OutboundRequests.reason(ex)).contains("127.0.0.1 is a loopback address"));
			assertThat(accepted).hasValue(0);

			OutboundRequests allowing = new OutboundRequests(new OutboundProperties(List.of("LOCALHOST.")));
			assertThat(allowing.check(url, "url")).hasToString(url);
			try (var response = allowing.client(Duration.ofSeconds(5))
				.newCall(new Request.Builder().url(url).build())
				.execute()) {
				assertThat(response.code()).isEqualTo(204);
			}
			assertThat(accepted).hasValue(1);
		}
	}

	@Test
	void checksTheUrlItself() {
		OutboundRequests outbound = new OutboundRequests(new OutboundProperties(List.of()));
		for (String url : new String[] { "ftp://example.org/", "/relative", "http://user:secret@93.184.215.14/",
				"http://[::1/" }) {
			assertThatExceptionOfType(InvalidInputException.class).as(url).isThrownBy(() -> outbound.check(url, "url"));
		}
		assertThat(outbound.check("https://93.184.215.14/hooks", "url")).hasToString("https://93.184.215.14/hooks");
	}

}
