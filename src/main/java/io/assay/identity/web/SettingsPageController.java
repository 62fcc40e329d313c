package io.assay.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.OrganizationSettings;
import io.assay.identity.OwnAccount;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The organisation's settings page, for its administrators. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SettingsPageController implements PageController {

	private final OrganizationSettings settings;

	SettingsPageController(OrganizationSettings settings) {
		this.settings = settings;
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
			HttpServletResponse response, Model model) {
		try {
			this.settings.change(name, defaultLanguage, requireTwoFactor);
			return "redirect:/settings?done=saved";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("problems", ex.errors());
			return page(model);
		}
	}

	private String page(Model model) {
		model.addAttribute("settings", this.settings.get());
		model.addAttribute("languages", OwnAccount.LANGUAGES);
		return "identity/settings";
	}

}
