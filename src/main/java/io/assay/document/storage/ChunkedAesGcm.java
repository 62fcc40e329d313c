package io.assay.document.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption of a stream in 64 KiB chunks with AES-256-GCM, so that large
 * documents are encrypted and decrypted as they stream, never held whole in memory.
 *
 * <p>
 * Layout: {@code "ASY1"}, an 8-byte random file prefix, then the chunks, each sealed with
 * the nonce {@code prefix || chunk index} and, as additional data, the header, the chunk
 * index and whether it is the last chunk. Reordered, dropped, truncated or altered chunks
 * fail authentication (the "STREAM" construction of Hoang, Reyhanitabar, Rogaway, Vizár).
 */
final class ChunkedAesGcm {

	static final int CHUNK = 64 * 1024;

	private static final byte[] MAGIC = { 'A', 'S', 'Y', '1' };

	private static final int PREFIX = 8;

	private static final int TAG_BITS = 128;

	private static final int TAG = TAG_BITS / 8;

	static final int HEADER = MAGIC.length + PREFIX;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	ChunkedAesGcm(SecretKey key) {
		this.key = key;
	}

	void encrypt(InputStream plain, OutputStream sealed) throws IOException {
		byte[] header = new byte[HEADER];
		System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
		byte[] prefix = new byte[PREFIX];
		this.random.nextBytes(prefix);
		System.arraycopy(prefix, 0, header, MAGIC.length, PREFIX);
		sealed.write(header);
		byte[] current = plain.readNBytes(CHUNK);
		int index = 0;
		while (true) {
			byte[] next = current.length < CHUNK ? new byte[0] : plain.readNBytes(CHUNK);
			boolean last = next.length == 0;
			try {
				sealed.write(cipher(Cipher.ENCRYPT_MODE, header, index, last).doFinal(current));
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
		return new Decrypting(new PushbackInputStream(sealed, 1), header(sealed), 0);
	}

	/** Reads and checks the header that starts every sealed object. */
	static byte[] header(InputStream sealed) throws IOException {
		byte[] header = sealed.readNBytes(HEADER);
		if (header.length != HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
			throw new IOException("Not an Assay-encrypted object (bad header)");
		}
		return header;
	}

	/** The chunk that holds the plain byte at {@code from}. */
	static int chunkOf(long from) {
		return Math.toIntExact(from / CHUNK);
	}

	/** Where the chunk starts in the sealed object. */
	static long sealedOffset(int chunk) {
		return HEADER + (long) chunk * (CHUNK + TAG);
	}

	/**
	 * The plain bytes from {@code from} on, given the object's header and its sealed
	 * bytes from the start of {@link #chunkOf(long) the chunk that holds them}: only the
	 * chunks read are decrypted, each still authenticated with its index, so a range
	 * cannot be served from a moved or altered chunk.
	 */
	InputStream decrypt(byte[] header, InputStream sealedFromChunk, long from) throws IOException {
		int chunk = chunkOf(from);
		InputStream plain = new Decrypting(new PushbackInputStream(sealedFromChunk, 1), header, chunk);
		plain.skipNBytes(from - (long) chunk * CHUNK);
		return plain;
	}

	private Cipher cipher(int mode, byte[] header, int index, boolean last) throws IOException {
		try {
			byte[] nonce = ByteBuffer.allocate(12).put(header, MAGIC.length, PREFIX).putInt(index).array();
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
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

		private byte[] plain = new byte[0];

		private int position;

		private int index;

		private boolean done;

		Decrypting(PushbackInputStream sealed, byte[] header, int firstChunk) {
			this.sealed = sealed;
			this.header = header;
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
			try {
				this.plain = cipher(Cipher.DECRYPT_MODE, this.header, this.index, last).doFinal(chunk);
			}
			catch (GeneralSecurityException ex) {
				throw new IOException("Stored document failed its integrity check (chunk " + this.index + ")", ex);
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
