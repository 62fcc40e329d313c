package io.assay.identity.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.OrganizationSettings;
import io.assay.identity.OwnAccount;
import io.assay.identity.Role;
import io.assay.identity.SingleSignOn;
import io.assay.platform.ConflictException;
import io.assay.platform.TenantContext;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import io.assay.platform.web.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The organisation's settings page, for its administrators. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SettingsPageController implements PageController {

	private final OrganizationSettings settings;

	private final SingleSignOn singleSignOn;

	private final TenantContext organization;

	private final MessageSource messages;

	SettingsPageController(OrganizationSettings settings, SingleSignOn singleSignOn, TenantContext organization,
			MessageSource messages) {
		this.messages = messages;
		this.settings = settings;
		this.singleSignOn = singleSignOn;
		this.organization = organization;
	}

	@GetMapping("/settings")
	String settings(@RequestParam(required = false) @Nullable String done, Model model) {
		model.addAttribute("done", done);
		return page(model);
	}

	@PostMapping("/settings")
	String change(@RequestParam(defaultValue = "") String name,
			@RequestParam(name = "default_language", defaultValue = "") String defaultLanguage,
			@RequestParam(name = "require_two_factor", defaultValue = "false") boolean requireTwoFactor,
			@RequestParam(name = "document_retention_days", defaultValue = "") String documentRetentionDays,
			@RequestParam(name = "results_archive_after_days", defaultValue = "") String resultsArchiveAfterDays,
			HttpServletResponse response, Model model) {
		try {
			this.settings.change(name, defaultLanguage, requireTwoFactor,
					days("document_retention_days", documentRetentionDays,
							Wording.of("field.retention-days", OrganizationSettings.SHORTEST_RETENTION_DAYS,
									OrganizationSettings.LONGEST_RETENTION_DAYS)),
					days("results_archive_after_days", resultsArchiveAfterDays, Wording.of("field.archive-days",
							OrganizationSettings.SOONEST_ARCHIVE_DAYS, OrganizationSettings.LATEST_ARCHIVE_DAYS)));
			return "redirect:/settings?done=saved";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("problems", ex.errors());
			return page(model);
		}
	}

	/**
	 * A form's number of days: empty means never (0), anything but a number is refused
	 * with the field's own rule.
	 */
	private static Integer days(String field, String days, Wording rule) {
		if (days.isBlank()) {
			return 0;
		}
		try {
			return Integer.valueOf(days.strip());
		}
		catch (NumberFormatException ex) {
			throw InvalidInputException.of(field, rule);
		}
	}

	@GetMapping("/settings/sso")
	String singleSignOn(@RequestParam(required = false) @Nullable String done, Model model) {
		model.addAttribute("done", done);
		return ssoPage(model);
	}

	@PostMapping("/settings/sso")
	String configureSingleSignOn(@RequestParam(defaultValue = "") String issuer,
			@RequestParam(name = "client_id", defaultValue = "") String clientId,
			@RequestParam(name = "client_secret", defaultValue = "") String clientSecret,
			@RequestParam(name = "email_domains", defaultValue = "") String emailDomains,
			@RequestParam(name = "default_role", defaultValue = "project_handler") String defaultRole,
			@RequestParam(name = "require_sso", defaultValue = "false") boolean requireSso,
			HttpServletResponse response, Locale locale, Model model) {
		List<String> domains = Arrays.stream(emailDomains.split("[,\\s]+")).filter(d -> !d.isBlank()).toList();
		try {
			this.singleSignOn.configure(issuer, clientId, clientSecret.isBlank() ? null : clientSecret, domains,
					defaultRole, requireSso);
			return "redirect:/settings/sso?done=saved";
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? 409 : 422);
			// The one conflict: a domain that another organisation's sign-on serves.
			model.addAttribute("problems",
					ex instanceof InvalidInputException invalid ? invalid.errors()
							: List.of(new InvalidInputException.FieldProblem("email_domains",
									((ConflictException) ex).message(this.messages, locale))));
			model.addAttribute("entered", new SingleSignOn.Settings(issuer, clientId, domains,
					Role.of(defaultRole).orElse(Role.PROJECT_HANDLER), requireSso, Instant.now()));
			return ssoPage(model);
		}
	}

	@PostMapping("/settings/sso/remove")
	String removeSingleSignOn() {
		this.singleSignOn.remove();
		return "redirect:/settings/sso?done=removed";
	}

	private String ssoPage(Model model) {
		SingleSignOn.Settings stored = this.singleSignOn.find().orElse(null);
		model.addAttribute("stored", stored);
		if (!model.containsAttribute("entered")) {
			model.addAttribute("entered", stored);
		}
		model.addAttribute("roles", io.assay.identity.Role.values());
		model.addAttribute("callback",
				ServletUriComponentsBuilder.fromCurrentContextPath()
					.path("/login/oauth2/code/{organization}")
					.buildAndExpand(this.organization.requireOrganizationId())
					.toUriString());
		return "identity/sso-settings";
	}

	private String page(Model model) {
		model.addAttribute("settings", this.settings.get());
		model.addAttribute("languages", OwnAccount.LANGUAGES);
		return "identity/settings";
	}

}
