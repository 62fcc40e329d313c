package io.assay.web;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.assay.billing.Usage;
import io.assay.platform.InvalidInputException;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/billing/usage?month=YYYY-MM}: the organisation's assessments and AI cost
 * in a calendar month (UTC), in all and by workflow, for its administrators. Billing
 * counts them; the workflows' names come from the workflow module.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class BillingUsageController {

	private final Usage usage;

	private final Workflows workflows;

	BillingUsageController(Usage usage, Workflows workflows) {
		this.usage = usage;
		this.workflows = workflows;
	}

	/** A month's usage; {@code workflows} the most used first. */
	record MonthUsage(String month, long assessments, long aiCostCents, List<WorkflowUsage> workflows) {
	}

	/** One workflow's share of the month. */
	record WorkflowUsage(UUID workflowId, String name, long assessments, long aiCostCents) {
	}

	@GetMapping("/v1/billing/usage")
	MonthUsage usage(@RequestParam(required = false) @Nullable String month) {
		YearMonth chosen = month == null || month.isBlank() ? YearMonth.now(ZoneOffset.UTC) : parse(month);
		Usage.MonthlyUsage total = this.usage.of(chosen);
		Map<UUID, String> names = this.workflows.names();
		List<WorkflowUsage> byWorkflow = this.usage.byWorkflow(chosen)
			.stream()
			.map(used -> new WorkflowUsage(used.workflowId(),
					names.getOrDefault(used.workflowId(), "(removed workflow)"), used.assessments(),
					used.aiCostCents()))
			.toList();
		return new MonthUsage(chosen.toString(), total.assessments(), total.aiCostCents(), byWorkflow);
	}

	private static YearMonth parse(String month) {
		try {
			YearMonth parsed = YearMonth.parse(month);
			// Four-digit years only: what a person means, and what PostgreSQL's date
			// holds.
			if (parsed.getYear() >= 2000 && parsed.getYear() <= 9999) {
				return parsed;
			}
		}
		catch (DateTimeParseException ex) {
			// Answered below, with the form expected.
		}
		throw InvalidInputException.of("month", Wording.of("field.month", YearMonth.now(ZoneOffset.UTC).toString()));
	}

}
