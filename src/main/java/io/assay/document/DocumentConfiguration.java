package io.assay.document;

import java.io.IOException;

import io.assay.document.parsing.DocxParser;
import io.assay.document.parsing.Ocr;
import io.assay.document.parsing.PdfParser;
import io.assay.document.storage.EncryptedFileSystemStore;
import io.assay.document.storage.StorageKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document store chosen by configuration, and the parsers with their bounds. */
@Configuration(proxyBeanMethods = false)
class DocumentConfiguration {

	@Bean
	DocumentStore documentStore(DocumentProperties properties) throws IOException {
		DocumentProperties.Storage storage = properties.storage();
		return switch (storage.type()) {
			case "filesystem" ->
				new EncryptedFileSystemStore(storage.directory(), StorageKeys.load(storage.key(), storage.keyFile()));
			default -> throw new IllegalStateException(
					"ASSAY_STORAGE_TYPE must be 'filesystem'; it is '" + storage.type() + "'");
		};
	}

	@Bean
	Ocr ocr(DocumentProperties properties) {
		return new Ocr(properties.ocr().command(), properties.ocr().languages(), properties.ocr().timeout());
	}

	@Bean
	PdfParser pdfParser(DocumentProperties properties, Ocr ocr) {
		return new PdfParser(properties.maxPages(), ocr);
	}

	@Bean
	DocxParser docxParser() {
		return new DocxParser();
	}

}
