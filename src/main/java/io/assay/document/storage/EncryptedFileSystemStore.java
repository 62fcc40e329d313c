package io.assay.document.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import io.assay.document.DocumentStore;

/**
 * The default store: files under a directory, each encrypted with AES-256-GCM. An object
 * appears under its key only once completely written (written aside, then moved in).
 */
public final class EncryptedFileSystemStore implements DocumentStore {

	private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9/_-]{1,200}");

	private final Path root;

	private final ChunkedAesGcm crypto;

	/**
	 * @param key the key new objects are sealed with
	 * @param previousKeys keys that sealed objects not yet resealed with {@code key}
	 */
	public EncryptedFileSystemStore(Path root, SecretKey key, List<SecretKey> previousKeys) throws IOException {
		this.root = Files.createDirectories(root).toRealPath();
		this.crypto = new ChunkedAesGcm(key, previousKeys);
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(path(key));
	}

	@Override
	public void put(String key, Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			write(key, in);
		}
	}

	@Override
	public boolean reseal(String key) throws IOException {
		try (InputStream sealed = Files.newInputStream(path(key))) {
			if (this.crypto.sealedWithCurrentKey(ChunkedAesGcm.header(sealed))) {
				return false;
			}
		}
		try (InputStream plain = open(key)) {
			write(key, plain);
		}
		return true;
	}

	/** Seals the bytes aside, then moves them in under the key. */
	private void write(String key, InputStream in) throws IOException {
		Path target = path(key);
		Files.createDirectories(target.getParent());
		Path partial = Files.createTempFile(target.getParent(), ".upload-", ".partial");
		try {
			try (OutputStream out = Files.newOutputStream(partial)) {
				this.crypto.encrypt(in, out);
			}
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return this.crypto.decrypt(Files.newInputStream(path(key)));
	}

	@Override
	public InputStream open(String key, long from) throws IOException {
		FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
		try {
			InputStream sealed = Channels.newInputStream(channel);
			byte[] header = ChunkedAesGcm.header(sealed);
			channel.position(ChunkedAesGcm.sealedOffset(header, ChunkedAesGcm.chunkOf(from)));
			return this.crypto.decrypt(header, sealed, from);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	@Override
	public void delete(String key) throws IOException {
		Files.deleteIfExists(path(key));
	}

	private Path path(String key) {
		if (!SAFE_KEY.matcher(key).matches() || key.contains("..")) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		return this.root.resolve(key);
	}

}
