package io.assay.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.audit.AuditEntry;
import io.assay.audit.AuditLogs;
import io.assay.identity.CurrentUser;
import io.assay.identity.People;
import io.assay.platform.CsvCells;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ContentDisposition;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail in the browser, for administrators: filtered by person, action, kind of
 * thing and dates; each entry linked to what it is about; the chain verified on request;
 * the filtered trail exported as CSV.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditTrailPageController implements PageController {

	private static final int PER_PAGE = 50;

	/** The kinds of thing entries are about, as the filter offers them. */
	static final List<String> RESOURCE_TYPES = List.of("user", "invitation", "organization", "workflow", "submission",
			"assessment", "document", "api_token");

	private final AuditLogs auditLogs;

	private final People people;

	AuditTrailPageController(AuditLogs auditLogs, People people) {
		this.auditLogs = auditLogs;
		this.people = people;
	}

	/** The filter as the page's form sends it; dates are whole days, UTC. */
	public record TrailFilter(@Nullable UUID person, @Nullable String action, @Nullable String resourceType,
			@Nullable UUID resourceId, @Nullable LocalDate from, @Nullable LocalDate to) {

		AuditLogs.Filter query() {
			return new AuditLogs.Filter(this.person, this.action, this.resourceType, this.resourceId,
					this.from == null ? null : this.from.atStartOfDay(ZoneOffset.UTC).toInstant(),
					this.to == null ? null : this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
		}

		public boolean any() {
			return this.person != null || this.action != null || this.resourceType != null || this.resourceId != null
					|| this.from != null || this.to != null;
		}

	}

	@GetMapping("/audit")
	String trail(@RequestParam(name = "user_id", required = false) @Nullable String person,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
			@RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false, defaultValue = "false") boolean verify, Model model) {
		TrailFilter filter = filter(person, action, resourceType, resourceId, from, to);
		int number = page == null ? 1 : page;
		PageRequest.Page<AuditEntry> entries = this.auditLogs.find(filter.query(),
				PageRequest.of(number, PER_PAGE, "-seq", AuditLogs.SORTABLE, "-seq"));
		List<People.Person> everyone = this.people.everyone();
		Map<UUID, String> names = new LinkedHashMap<>();
		everyone.forEach(p -> names.put(p.id(), p.name()));
		Map<UUID, String> links = new LinkedHashMap<>();
		entries.items().forEach(entry -> {
			String link = link(entry);
			if (link != null) {
				links.put(entry.id(), link);
			}
		});
		model.addAttribute("entries", entries);
		model.addAttribute("links", links);
		model.addAttribute("names", names);
		model.addAttribute("people", everyone);
		model.addAttribute("actions", this.auditLogs.actions());
		model.addAttribute("resourceTypes", RESOURCE_TYPES);
		model.addAttribute("filter", filter);
		model.addAttribute("pageNumber", number);
		model.addAttribute("lastPage", Math.max(1, (entries.total() + PER_PAGE - 1) / PER_PAGE));
		if (verify) {
			model.addAttribute("verification", this.auditLogs.verify());
		}
		return "audit/trail";
	}

	/** The filtered trail as CSV, oldest first, streamed. */
	@GetMapping("/audit/export.csv")
	void export(@AuthenticationPrincipal CurrentUser admin,
			@RequestParam(name = "user_id", required = false) @Nullable String person,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
			@RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			HttpServletResponse response) throws IOException {
		TrailFilter filter = filter(person, action, resourceType, resourceId, from, to);
		Map<UUID, String> names = new LinkedHashMap<>();
		this.people.everyone().forEach(p -> names.put(p.id(), p.name()));
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("audit-trail-" + LocalDate.now(ZoneOffset.UTC) + ".csv", StandardCharsets.UTF_8)
					.build()
					.toString());
		OutputStream out = response.getOutputStream();
		out.write((CsvCells.BYTE_ORDER_MARK + CsvCells.row(List.of("seq", "time", "person", "person_id", "action",
				"resource_type", "resource_id", "details", "ip_address", "user_agent", "hash")))
			.getBytes(StandardCharsets.UTF_8));
		this.auditLogs.each(filter.query(), entry -> {
			try {
				out.write(CsvCells.row(List.of(Long.toString(entry.seq()), entry.createdAt().toString(),
						entry.userId() == null ? "" : names.getOrDefault(entry.userId(), "a former user"),
						text(entry.userId()), entry.action(), text(entry.resourceType()), text(entry.resourceId()),
						entry.metadata().toString(), text(entry.ipAddress()), text(entry.userAgent()), entry.hash()))
					.getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : value.toString();
	}

	/**
	 * The filter from the page's form; blank fields are left out, and a value that cannot
	 * be one is refused with the field named.
	 */
	private static TrailFilter filter(@Nullable String person, @Nullable String action, @Nullable String resourceType,
			@Nullable String resourceId, @Nullable String from, @Nullable String to) {
		return new TrailFilter(uuid("user_id", person), blank(action) ? null : action.strip(),
				blank(resourceType) ? null : resourceType.strip(), uuid("resource_id", resourceId), date("from", from),
				date("to", to));
	}

	private static @Nullable UUID uuid(String field, @Nullable String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of(field, Wording.of("field.id"));
		}
	}

	private static @Nullable LocalDate date(String field, @Nullable String value) {
		if (blank(value)) {
			return null;
		}
		try {
			LocalDate date = LocalDate.parse(value.strip());
			if (date.getYear() < 2000 || date.getYear() > 9999) {
				throw InvalidInputException.of(field, Wording.of("field.date-from-2000"));
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.of(field, Wording.of("field.date"));
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/** Where an entry's subject is shown in Assay, if it has a page. */
	static @Nullable String link(AuditEntry entry) {
		if (entry.resourceId() == null || entry.resourceType() == null) {
			return null;
		}
		return switch (entry.resourceType()) {
			case "workflow" -> "/workflows/" + entry.resourceId();
			case "submission" -> "/submissions/" + entry.resourceId();
			case "assessment" -> "/assessments/" + entry.resourceId();
			case "user", "invitation" -> "/users";
			case "organization" -> "/settings";
			default -> null;
		};
	}

}
