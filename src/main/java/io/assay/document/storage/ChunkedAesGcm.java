package io.assay.document.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption of a stream in 64 KiB chunks with AES-256-GCM, so that large
 * documents are encrypted and decrypted as they stream, never held whole in memory.
 *
 * <p>
 * Layout: {@code "ASY2"}, the 8-byte id of the key that sealed it, an 8-byte random file
 * prefix, then the chunks, each sealed with the nonce {@code prefix || chunk index} and,
 * as additional data, the header, the chunk index and whether it is the last chunk.
 * Reordered, dropped, truncated or altered chunks fail authentication (the "STREAM"
 * construction of Hoang, Reyhanitabar, Rogaway, Vizár). Objects sealed before keys had
 * ids ({@code "ASY1"}, no key id) are read with whichever configured key opens their
 * first chunk.
 * <p>
 * New objects are sealed with the current key; the previous keys only open what they
 * sealed, until {@link #sealedWithCurrentKey} holds for every object (a rotation reseals
 * them).
 */
final class ChunkedAesGcm {

	static final int CHUNK = 64 * 1024;

	private static final byte[] MAGIC_WITHOUT_KEY_ID = { 'A', 'S', 'Y', '1' };

	private static final byte[] MAGIC = { 'A', 'S', 'Y', '2' };

	private static final int KEY_ID = 8;

	private static final int PREFIX = 8;

	private static final int TAG_BITS = 128;

	private static final int TAG = TAG_BITS / 8;

	/** The longest header: enough to read for any object's. */
	static final int LONGEST_HEADER = MAGIC.length + KEY_ID + PREFIX;

	private final SecretKey current;

	private final byte[] currentId;

	/** Every key that may open an object, the current one first. */
	private final List<SecretKey> keys;

	/** Their ids, in the same order. */
	private final List<byte[]> ids;

	private final SecureRandom random = new SecureRandom();

	ChunkedAesGcm(SecretKey current, List<SecretKey> previous) {
		this.current = current;
		this.currentId = keyId(current);
		this.keys = new ArrayList<>();
		this.keys.add(current);
		this.keys.addAll(previous);
		this.ids = this.keys.stream().map(ChunkedAesGcm::keyId).toList();
	}

	/**
	 * The key's id in a header: the start of an HMAC of a fixed label under the key, so
	 * that it tells keys apart without telling anything about them.
	 */
	static byte[] keyId(SecretKey key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
			return Arrays.copyOf(mac.doFinal("assay storage key id".getBytes(StandardCharsets.US_ASCII)), KEY_ID);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	void encrypt(InputStream plain, OutputStream sealed) throws IOException {
		byte[] header = new byte[LONGEST_HEADER];
		System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
		System.arraycopy(this.currentId, 0, header, MAGIC.length, KEY_ID);
		byte[] prefix = new byte[PREFIX];
		this.random.nextBytes(prefix);
		System.arraycopy(prefix, 0, header, MAGIC.length + KEY_ID, PREFIX);
		sealed.write(header);
		byte[] current = plain.readNBytes(CHUNK);
		int index = 0;
		while (true) {
			byte[] next = current.length < CHUNK ? new byte[0] : plain.readNBytes(CHUNK);
			boolean last = next.length == 0;
			try {
				sealed.write(cipher(Cipher.ENCRYPT_MODE, this.current, header, index, last).doFinal(current));
			}
			catch (GeneralSecurityException ex) {
				throw new IOException("Encryption failed", ex);
			}
			if (last) {
				return;
			}
			current = next;
			index++;
		}
	}

	InputStream decrypt(InputStream sealed) throws IOException {
		byte[] header = header(sealed);
		return new Decrypting(new PushbackInputStream(sealed, 1), header, candidates(header), 0);
	}

	/** Reads and checks the header that starts every sealed object. */
	static byte[] header(InputStream sealed) throws IOException {
		byte[] magic = sealed.readNBytes(MAGIC.length);
		int length = Arrays.equals(magic, MAGIC) ? LONGEST_HEADER
				: Arrays.equals(magic, MAGIC_WITHOUT_KEY_ID) ? MAGIC.length + PREFIX : -1;
		if (length < 0) {
			throw new IOException("Not an Assay-encrypted object (bad header)");
		}
		byte[] rest = sealed.readNBytes(length - MAGIC.length);
		if (rest.length != length - MAGIC.length) {
			throw new IOException("Not an Assay-encrypted object (bad header)");
		}
		byte[] header = Arrays.copyOf(magic, length);
		System.arraycopy(rest, 0, header, MAGIC.length, rest.length);
		return header;
	}

	/** Whether the object with this header was sealed with the current key. */
	boolean sealedWithCurrentKey(byte[] header) {
		return header.length == LONGEST_HEADER
				&& Arrays.equals(Arrays.copyOfRange(header, MAGIC.length, MAGIC.length + KEY_ID), this.currentId);
	}

	/** The keys that may open the object with this header. */
	private List<SecretKey> candidates(byte[] header) throws IOException {
		if (header.length != LONGEST_HEADER) {
			return this.keys;
		}
		byte[] id = Arrays.copyOfRange(header, MAGIC.length, MAGIC.length + KEY_ID);
		for (int i = 0; i < this.keys.size(); i++) {
			if (Arrays.equals(this.ids.get(i), id)) {
				return List.of(this.keys.get(i));
			}
		}
		throw new IOException("The stored document was sealed with a storage key this copy does not have (key id "
				+ HexFormat.of().formatHex(id)
				+ "): give every key not yet rotated out in ASSAY_STORAGE_PREVIOUS_KEYS");
	}

	/** The chunk that holds the plain byte at {@code from}. */
	static int chunkOf(long from) {
		return Math.toIntExact(from / CHUNK);
	}

	/** Where the chunk starts in the sealed object with this header. */
	static long sealedOffset(byte[] header, int chunk) {
		return header.length + (long) chunk * (CHUNK + TAG);
	}

	/**
	 * The plain bytes from {@code from} on, given the object's header and its sealed
	 * bytes from the start of {@link #chunkOf(long) the chunk that holds them}: only the
	 * chunks read are decrypted, each still authenticated with its index, so a range
	 * cannot be served from a moved or altered chunk.
	 */
	InputStream decrypt(byte[] header, InputStream sealedFromChunk, long from) throws IOException {
		int chunk = chunkOf(from);
		InputStream plain = new Decrypting(new PushbackInputStream(sealedFromChunk, 1), header, candidates(header),
				chunk);
		plain.skipNBytes(from - (long) chunk * CHUNK);
		return plain;
	}

	private static Cipher cipher(int mode, SecretKey key, byte[] header, int index, boolean last) throws IOException {
		try {
			// The prefix ends the header in both layouts.
			byte[] nonce = ByteBuffer.allocate(12).put(header, header.length - PREFIX, PREFIX).putInt(index).array();
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(header);
			cipher.updateAAD(ByteBuffer.allocate(5).putInt(index).put((byte) (last ? 1 : 0)).array());
			return cipher;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("AES-GCM is not available", ex);
		}
	}

	private final class Decrypting extends InputStream {

		private final PushbackInputStream sealed;

		private final byte[] header;

		/** The keys that may open it, until the first chunk read shows which one does. */
		private List<SecretKey> keys;

		private byte[] plain = new byte[0];

		private int position;

		private int index;

		private boolean done;

		Decrypting(PushbackInputStream sealed, byte[] header, List<SecretKey> keys, int firstChunk) {
			this.sealed = sealed;
			this.header = header;
			this.keys = keys;
			this.index = firstChunk;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			int n = read(one, 0, 1);
			return n == -1 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			while (this.position == this.plain.length) {
				if (this.done) {
					return -1;
				}
				nextChunk();
			}
			int n = Math.min(length, this.plain.length - this.position);
			System.arraycopy(this.plain, this.position, buffer, offset, n);
			this.position += n;
			return n;
		}

		private void nextChunk() throws IOException {
			byte[] chunk = this.sealed.readNBytes(CHUNK + TAG);
			if (chunk.length < TAG) {
				throw new EOFException("Stored document is truncated");
			}
			int peek = this.sealed.read();
			boolean last = peek == -1;
			if (!last) {
				this.sealed.unread(peek);
			}
			GeneralSecurityException failure = null;
			for (SecretKey key : this.keys) {
				try {
					this.plain = cipher(Cipher.DECRYPT_MODE, key, this.header, this.index, last).doFinal(chunk);
					this.keys = List.of(key);
					failure = null;
					break;
				}
				catch (GeneralSecurityException ex) {
					failure = ex;
				}
			}
			if (failure != null) {
				throw new IOException("Stored document failed its integrity check (chunk " + this.index + ")", failure);
			}
			this.position = 0;
			this.index++;
			this.done = last;
		}

		@Override
		public void close() throws IOException {
			this.sealed.close();
		}

	}

}
