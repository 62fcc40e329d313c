package io.assay.audit.web;

import java.time.Instant;
import java.util.UUID;

import io.assay.audit.AuditLogs;
import io.assay.audit.AuditLogs.ChainVerification;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import io.assay.platform.web.PageRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's audit trail, for administrators. */
@RestController
@RequestMapping("/v1/audit-logs")
@PreAuthorize("hasRole('ADMIN')")
class AuditLogController {

	private final AuditLogs auditLogs;

	AuditLogController(AuditLogs auditLogs) {
		this.auditLogs = auditLogs;
	}

	@GetMapping
	Object list(@RequestParam(name = "user_id", required = false) @Nullable UUID userId,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
			@RequestParam(name = "resource_id", required = false) @Nullable UUID resourceId,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor) {
		AuditLogs.Filter filter = new AuditLogs.Filter(userId, action, resourceType, resourceId, from, to);
		if (cursor == null) {
			return this.auditLogs.find(filter, PageRequest.of(page, limit, sort, AuditLogs.SORTABLE, "-created_at"));
		}
		if (page != null || sort != null) {
			throw InvalidInputException.of(page != null ? "page" : "sort", Wording.of("page.cursor-alone"));
		}
		return this.auditLogs.findAfter(filter, cursor, PageRequest.cursorLimit(limit));
	}

	@GetMapping("/verify")
	ChainVerification verify() {
		return this.auditLogs.verify();
	}

}
