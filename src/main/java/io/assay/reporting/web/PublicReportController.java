package io.assay.reporting.web;

import io.assay.platform.ClientLimits;
import io.assay.platform.NotFoundException;
import io.assay.platform.web.PageController;
import io.assay.reporting.Reports;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A shared report, read-only, for whoever holds a live link: no account, no other page.
 * An unknown, expired or revoked link is simply not found.
 */
@Controller
class PublicReportController implements PageController {

	private final Reports reports;

	private final ClientLimits limits;

	PublicReportController(Reports reports, ClientLimits limits) {
		this.reports = reports;
		this.limits = limits;
	}

	@GetMapping("/public/reports/{token}")
	String report(@PathVariable String token, Model model) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		Reports.Opened opened = this.reports.open(token).orElseThrow(() -> new NotFoundException("Report"));
		model.addAttribute("report", opened.report());
		model.addAttribute("expiresAt", opened.expiresAt());
		model.addAttribute("token", token);
		return "report/public";
	}

	@GetMapping("/public/reports/{token}/report.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String token) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		Reports.Opened opened = this.reports.open(token).orElseThrow(() -> new NotFoundException("Report"));
		return ReportController.file(this.reports.pdf(opened.report()), MediaType.APPLICATION_PDF);
	}

}
