package io.assay.lifecycle.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.CurrentUser;
import io.assay.lifecycle.OrganizationLifecycle;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Export and deletion of the whole organisation, for its administrators. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class OrganizationLifecycleController {

	private final OrganizationLifecycle lifecycle;

	OrganizationLifecycleController(OrganizationLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	record DeleteRequest(@Nullable String confirm) {
	}

	/**
	 * Everything the organisation owns as one ZIP: a JSON file per table, and its
	 * documents.
	 */
	@GetMapping("/v1/organization/export")
	void export(@AuthenticationPrincipal CurrentUser admin, HttpServletResponse response) throws IOException {
		response.setContentType("application/zip");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("assay-export-" + LocalDate.now(ZoneOffset.UTC) + ".zip", StandardCharsets.UTF_8)
					.build()
					.toString());
		this.lifecycle.export(admin, response.getOutputStream());
	}

	/**
	 * Deletes the organisation with everything it owns; {@code confirm} must be its exact
	 * name. Every session and token of it ends.
	 */
	@DeleteMapping("/v1/organization")
	OrganizationLifecycle.Deletion delete(@AuthenticationPrincipal CurrentUser admin,
			@RequestBody(required = false) @Nullable DeleteRequest request) {
		return this.lifecycle.delete(admin, request == null || request.confirm() == null ? "" : request.confirm());
	}

}
