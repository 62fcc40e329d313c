package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.crypto.SecretKey;

import io.assay.document.DocumentStore;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Documents in an S3-compatible object store (AWS S3, MinIO, Ceph, …). Objects are
 * encrypted before they leave Assay, with the same AES-256-GCM as the filesystem store,
 * so the store's operator never sees a document. PUT is atomic in S3: an object appears
 * whole or not at all.
 */
public final class S3DocumentStore implements DocumentStore, AutoCloseable {

	private final S3Client s3;

	private final String bucket;

	private final ChunkedAesGcm crypto;

	/**
	 * @param key the key new objects are sealed with
	 * @param previousKeys keys that sealed objects not yet resealed with {@code key}
	 */
	public S3DocumentStore(S3Client s3, String bucket, SecretKey key, List<SecretKey> previousKeys) {
		this.s3 = s3;
		this.bucket = bucket;
		this.crypto = new ChunkedAesGcm(key, previousKeys);
	}

	/**
	 * A client for the given endpoint. Checksums are sent only where S3 requires them:
	 * several S3-compatible servers reject the newer default checksum headers.
	 */
	public static S3Client client(@Nullable String endpoint, String region, @Nullable String accessKey,
			@Nullable String secretKey, boolean pathStyle) {
		AwsCredentialsProvider credentials = accessKey != null && secretKey != null
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
				: DefaultCredentialsProvider.builder().build();
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(region))
			.credentialsProvider(credentials)
			.forcePathStyle(pathStyle)
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (endpoint != null && !endpoint.isBlank()) {
			builder.endpointOverride(URI.create(endpoint));
		}
		return builder.build();
	}

	@Override
	public boolean exists(String key) throws IOException {
		try {
			this.s3.headObject(request -> request.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw new IOException("Object store: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new IOException("Object store unreachable: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void put(String key, Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			write(key, in);
		}
	}

	@Override
	public boolean reseal(String key) throws IOException {
		if (this.crypto.sealedWithCurrentKey(header(key))) {
			return false;
		}
		try (InputStream plain = open(key)) {
			write(key, plain);
		}
		return true;
	}

	/** Seals the bytes into a file aside, then puts it whole under the key. */
	private void write(String key, InputStream in) throws IOException {
		Path sealed = Files.createTempFile("assay-sealed-", ".bin");
		try {
			try (OutputStream out = Files.newOutputStream(sealed)) {
				this.crypto.encrypt(in, out);
			}
			this.s3.putObject(request -> request.bucket(this.bucket).key(key).contentType("application/octet-stream"),
					RequestBody.fromFile(sealed));
		}
		catch (SdkException ex) {
			throw new IOException("Could not store the document: " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(sealed);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		try {
			return this.crypto.decrypt(this.s3.getObject(request -> request.bucket(this.bucket).key(key)));
		}
		catch (SdkException ex) {
			throw new IOException("Could not read the stored document: " + ex.getMessage(), ex);
		}
	}

	@Override
	public InputStream open(String key, long from) throws IOException {
		try {
			byte[] header = header(key);
			long offset = ChunkedAesGcm.sealedOffset(header, ChunkedAesGcm.chunkOf(from));
			return this.crypto.decrypt(header,
					this.s3.getObject(request -> request.bucket(this.bucket).key(key).range("bytes=" + offset + "-")),
					from);
		}
		catch (SdkException ex) {
			throw new IOException("Could not read the stored document: " + ex.getMessage(), ex);
		}
	}

	/** The object's header, read alone. */
	private byte[] header(String key) throws IOException {
		try (InputStream start = this.s3.getObject(request -> request.bucket(this.bucket)
			.key(key)
			.range("bytes=0-" + (ChunkedAesGcm.LONGEST_HEADER - 1)))) {
			return ChunkedAesGcm.header(start);
		}
		catch (SdkException ex) {
			throw new IOException("Could not read the stored document: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			this.s3.deleteObject(request -> request.bucket(this.bucket).key(key));
		}
		catch (SdkException ex) {
			throw new IOException("Could not delete the stored document: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		this.s3.close();
	}

}
