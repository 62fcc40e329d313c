package io.assay.reporting.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.assay.reporting.Reports;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Reports of an assessment and the links that share them. */
@RestController
class ReportController {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final Reports reports;

	ReportController(Reports reports) {
		this.reports = reports;
	}

	@GetMapping("/v1/assessments/{id}/report.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable UUID id, Locale locale) {
		return file(this.reports.pdf(id, locale), MediaType.APPLICATION_PDF);
	}

	@GetMapping("/v1/assessments/{id}/report.csv")
	ResponseEntity<byte[]> csv(@PathVariable UUID id, Locale locale) {
		return file(this.reports.csv(id, locale),
				new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
	}

	@GetMapping("/v1/assessments/{id}/report.xlsx")
	ResponseEntity<byte[]> xlsx(@PathVariable UUID id, Locale locale) {
		return file(this.reports.xlsx(id, locale), XLSX);
	}

	static ResponseEntity<byte[]> file(Reports.File file, MediaType type) {
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name()).build().toString())
			.body(file.content());
	}

	record ShareRequest(@Nullable Integer expiresInDays) {
	}

	record ShareLink(UUID id, @Nullable String url, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt,
			boolean active) {

		static ShareLink of(Reports.Share share) {
			String url = share.token() == null ? null
					: ServletUriComponentsBuilder.fromCurrentContextPath()
						.path("/public/reports/{token}")
						.buildAndExpand(share.token())
						.toUriString();
			return new ShareLink(share.id(), url, share.createdAt(), share.expiresAt(), share.revokedAt(),
					share.active());
		}

	}

	/** A link to the report; its URL is shown this once. */
	@PostMapping("/v1/assessments/{id}/share")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<ShareLink> share(@PathVariable UUID id,
			@RequestBody(required = false) @Nullable ShareRequest request) {
		ShareLink link = ShareLink.of(this.reports.share(id, request == null ? null : request.expiresInDays()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/v1/assessments/" + id + "/shares/" + link.id()))
			.body(link);
	}

	@GetMapping("/v1/assessments/{id}/shares")
	List<ShareLink> shares(@PathVariable UUID id) {
		return this.reports.shares(id).stream().map(ShareLink::of).toList();
	}

	@DeleteMapping("/v1/assessments/{id}/shares/{shareId}")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Void> revoke(@PathVariable UUID id, @PathVariable UUID shareId) {
		this.reports.revoke(id, shareId);
		return ResponseEntity.noContent().build();
	}

}
