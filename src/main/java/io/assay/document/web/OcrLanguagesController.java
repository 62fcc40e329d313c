package io.assay.document.web;

import io.assay.document.Documents;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The languages an organisation's scanned pages are read in; administrators set them,
 * choosing from those installed.
 */
@RestController
class OcrLanguagesController {

	private final Documents documents;

	OcrLanguagesController(Documents documents) {
		this.documents = documents;
	}

	record OcrLanguagesRequest(@Nullable String ocrLanguages) {
	}

	@GetMapping("/v1/organization/ocr-languages")
	Documents.OcrLanguages find() {
		return this.documents.ocrLanguages();
	}

	@PutMapping("/v1/organization/ocr-languages")
	@PreAuthorize("hasRole('ADMIN')")
	Documents.OcrLanguages change(@RequestBody OcrLanguagesRequest request) {
		return this.documents.changeOcrLanguages(request.ocrLanguages());
	}

}
