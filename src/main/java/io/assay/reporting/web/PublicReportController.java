package io.assay.reporting.web;

import java.util.Locale;
import java.util.UUID;

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
 * A shared report, read-only, for whoever holds a live link: no account, no other page
 * than the report and the pages its evidence cites. A revoked or expired link says so
 * (410); an unknown one is not found.
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
	String report(@PathVariable String token, Model model, Locale locale) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		Reports.Opened opened = this.reports.open(token).orElseThrow(() -> this.reports.unavailable(token));
		model.addAttribute("report", opened.report());
		model.addAttribute("expiresAt", opened.expiresAt());
		model.addAttribute("token", token);
		model.addAttribute("words", this.reports.words(locale));
		return "report/public";
	}

	/**
	 * An evidence item's page, read-only: the quote, and the cited page with it marked.
	 */
	@GetMapping("/public/reports/{token}/evidence/{resultId}/{index}")
	String evidence(@PathVariable String token, @PathVariable UUID resultId, @PathVariable int index, Model model,
			Locale locale) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		Reports.SharedEvidence evidence = this.reports.sharedEvidence(token, resultId, index, locale)
			.orElseThrow(() -> this.reports.unavailable(token) instanceof io.assay.platform.GoneException gone ? gone
					: new NotFoundException("Evidence"));
		model.addAttribute("evidence", evidence);
		model.addAttribute("token", token);
		model.addAttribute("index", index);
		model.addAttribute("words", this.reports.words(locale));
		return "report/public-evidence";
	}

	/** A page the evidence cites, as an image; no other page of the document. */
	@GetMapping(path = "/public/reports/{token}/evidence/{resultId}/{index}/pages/{page}.png",
			produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> evidencePage(@PathVariable String token, @PathVariable UUID resultId,
			@PathVariable int index, @PathVariable int page) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		byte[] png = this.reports.sharedEvidencePage(token, resultId, index, page)
			.orElseThrow(() -> new NotFoundException("Page"));
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(png);
	}

	@GetMapping("/public/reports/{token}/report.pdf")
	ResponseEntity<byte[]> pdf(@PathVariable String token, Locale locale) {
		this.limits.take(ClientLimits.Action.SHARE_VIEW);
		Reports.Opened opened = this.reports.open(token).orElseThrow(() -> this.reports.unavailable(token));
		return ReportController.file(this.reports.pdf(opened.report(), locale), MediaType.APPLICATION_PDF);
	}

}
