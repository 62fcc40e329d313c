package io.assay.document;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.assay.Eventually;
import io.assay.document.storage.S3DocumentStore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for the tests: S3Proxy (its self-contained jar, copied into
 * target/s3proxy by the build) in its own JVM, speaking the S3 API with AWS signatures,
 * keeping objects in memory. Started once per test run.
 */
public final class S3Server {

	public static final String ACCESS_KEY = "assay-test-access";

	public static final String SECRET_KEY = "assay-test-secret-0123456789";

	public static final String BUCKET = "assay-documents";

	private static S3Server running;

	private final String endpoint;

	private S3Server(String endpoint) {
		this.endpoint = endpoint;
	}

	public static synchronized S3Server start() {
		if (running == null) {
			running = launch();
		}
		return running;
	}

	public String endpoint() {
		return this.endpoint;
	}

	public S3Client client() {
		return S3DocumentStore.client(this.endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY, true);
	}

	/** The keys of the objects stored under a prefix. */
	public List<String> keys(String prefix) {
		try (S3Client s3 = client()) {
			return s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(prefix))
				.contents()
				.stream()
				.map(S3Object::key)
				.toList();
		}
	}

	private static S3Server launch() {
		try {
			Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
			if (!Files.isRegularFile(jar)) {
				throw new IllegalStateException(jar + " is missing: the build copies it (mvn process-test-resources)");
			}
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			String endpoint = "http://127.0.0.1:" + port;
			Path properties = Files.createTempFile("s3proxy-", ".conf");
			Files.writeString(properties,
					String.join("\n", "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
							"s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
							"jclouds.provider=transient", "jclouds.identity=" + ACCESS_KEY,
							"jclouds.credential=" + SECRET_KEY, ""));
			Path log = Files.createDirectories(Path.of("target", "s3proxy")).resolve("s3proxy.log");
			String java = ProcessHandle.current().info().command().orElse("java");
			Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", properties.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			Eventually.until(Duration.ofSeconds(60), () -> {
				if (!process.isAlive()) {
					throw new AssertionError("S3Proxy exited; see " + log.toAbsolutePath());
				}
				try (Socket socket = new Socket("127.0.0.1", port)) {
					return true;
				}
				catch (IOException ex) {
					return false;
				}
			}, up -> up);
			S3Server server = new S3Server(endpoint);
			try (S3Client s3 = server.client()) {
				s3.createBucket(request -> request.bucket(BUCKET));
			}
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start S3Proxy", ex);
		}
	}

}
