package io.assay.document.parsing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import io.assay.platform.UnsupportedContentException;
import io.assay.platform.Wording;

/**
 * Decides what a file is from its bytes alone, never from its name or declared type: a
 * PDF starts with {@code %PDF-}; a DOCX is a ZIP holding {@code word/document.xml}.
 */
public enum DocumentKind {

	PDF("pdf", "application/pdf"),

	DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

	private static final byte[] OLE = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0 };

	private final String fileType;

	private final String contentType;

	DocumentKind(String fileType, String contentType) {
		this.fileType = fileType;
		this.contentType = contentType;
	}

	public String fileType() {
		return this.fileType;
	}

	public String contentType() {
		return this.contentType;
	}

	public static DocumentKind ofFileType(String fileType) {
		return fileType.equals("pdf") ? PDF : DOCX;
	}

	/**
	 * @throws UnsupportedContentException for anything else, saying what it looks like
	 * @throws UnreadableDocumentException for a password-protected Word file
	 */
	public static DocumentKind of(Path file, String fileName) throws IOException, UnreadableDocumentException {
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(1024);
		}
		String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
		// ISO 32000 lets the header sit anywhere in the first 1024 bytes.
		if (start.contains("%PDF-")) {
			return PDF;
		}
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			try (ZipFile zip = new ZipFile(file.toFile())) {
				if (zip.getEntry("word/document.xml") != null && zip.getEntry("[Content_Types].xml") != null) {
					return DOCX;
				}
			}
			catch (IOException ex) {
				throw new UnreadableDocumentException(Wording.of("upload.damaged-zip", fileName), ex);
			}
			throw new UnsupportedContentException(Wording.of("upload.zip", fileName));
		}
		if (head.length >= 4 && head[0] == OLE[0] && head[1] == OLE[1] && head[2] == OLE[2] && head[3] == OLE[3]) {
			if (isEncryptedOffice(file)) {
				throw new UnreadableDocumentException(Wording.of("upload.password", fileName));
			}
			throw new UnsupportedContentException(Wording.of("upload.old-office", fileName));
		}
		throw new UnsupportedContentException(Wording.of("upload.not-pdf-or-docx", fileName));
	}

	/**
	 * A password-protected DOCX is an OLE container with an EncryptedPackage stream
	 * (MS-OFFCRYPTO).
	 */
	private static boolean isEncryptedOffice(Path file) {
		try (var ole = new org.apache.poi.poifs.filesystem.POIFSFileSystem(file.toFile(), true)) {
			return ole.getRoot().hasEntry("EncryptedPackage");
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
