package io.assay.document;

import java.io.IOException;

import io.assay.document.parsing.DocxParser;
import io.assay.document.parsing.Ocr;
import io.assay.document.parsing.PdfParser;
import io.assay.document.parsing.WordLayout;
import io.assay.document.storage.EncryptedFileSystemStore;
import io.assay.document.storage.S3DocumentStore;
import io.assay.document.storage.StorageKeys;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document store chosen by configuration, and the parsers with their bounds. */
@Configuration(proxyBeanMethods = false)
class DocumentConfiguration {

	@Bean
	DocumentStore documentStore(DocumentProperties properties) throws IOException {
		DocumentProperties.Storage storage = properties.storage();
		return switch (storage.type()) {
			case "filesystem" -> new EncryptedFileSystemStore(storage.directory(),
					StorageKeys.load(storage.key(), storage.keyFile()), StorageKeys.previous(storage.previousKeys()));
			case "s3" -> s3(storage);
			default -> throw new IllegalStateException(
					"ASSAY_STORAGE_TYPE must be 'filesystem' or 's3'; it is '" + storage.type() + "'");
		};
	}

	private static DocumentStore s3(DocumentProperties.Storage storage) throws IOException {
		DocumentProperties.S3 s3 = storage.s3();
		if (s3.bucket() == null || s3.bucket().isBlank()) {
			throw new IllegalStateException("ASSAY_STORAGE_TYPE is s3, so ASSAY_S3_BUCKET must name the bucket");
		}
		// Every copy of the service must read what any other stored: the key cannot be
		// one
		// generated on this machine's disk.
		if (storage.key() == null || storage.key().isBlank()) {
			throw new IllegalStateException("ASSAY_STORAGE_TYPE is s3, so ASSAY_STORAGE_KEY must be set (32 random "
					+ "bytes, base64; the same on every copy of the service), e.g. openssl rand -base64 32");
		}
		return new S3DocumentStore(
				S3DocumentStore.client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey(), s3.pathStyle()),
				s3.bucket(), StorageKeys.load(storage.key(), storage.keyFile()),
				StorageKeys.previous(storage.previousKeys()));
	}

	@Bean
	ScratchDirectory scratchDirectory(DocumentProperties properties) throws IOException {
		return ScratchDirectory.emptied(properties.scratchDirectory());
	}

	/**
	 * Upload parts larger than the threshold wait in the scratch folder. Set here, as an
	 * absolute path, because Tomcat resolves a relative location (the default data
	 * directory is {@code ./data}) against its own folder under the system's temporary
	 * one.
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(MultipartProperties multipart, ScratchDirectory scratch) {
		MultipartConfigElement configured = multipart.createMultipartConfig();
		return new MultipartConfigElement(scratch.path().toString(), configured.getMaxFileSize(),
				configured.getMaxRequestSize(), configured.getFileSizeThreshold());
	}

	@Bean
	Ocr ocr(DocumentProperties properties, ScratchDirectory scratch) {
		DocumentProperties.Ocr ocr = properties.ocr();
		return new Ocr(ocr.command(), ocr.languages(), ocr.timeout(), ocr.memoryLimit(), ocr.atOnce(),
				ocr.maxPagePixels(), scratch.path());
	}

	@Bean
	PdfParser pdfParser(DocumentProperties properties, Ocr ocr, ScratchDirectory scratch) {
		return new PdfParser(properties.maxPages(), ocr, scratch.path());
	}

	/** Closed with the application: the LibreOffice processes it keeps running stop. */
	@Bean
	WordLayout wordLayout(DocumentProperties properties, ScratchDirectory scratch) {
		DocumentProperties.Layout layout = properties.layout();
		return new WordLayout(layout.command(), layout.python(), layout.timeout(), layout.memoryLimit(),
				layout.atOnce(), scratch.path());
	}

	@Bean
	DocxParser docxParser(WordLayout wordLayout, PdfParser pdfParser, ScratchDirectory scratch) {
		return new DocxParser(wordLayout, pdfParser, scratch.path());
	}

}
