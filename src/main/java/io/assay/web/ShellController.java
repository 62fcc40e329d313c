package io.assay.web;

import io.assay.identity.Accounts;
import io.assay.identity.CurrentUser;
import io.assay.identity.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The signed-in home page and the front door that leads to it. */
@Controller
class ShellController {

	private final Accounts accounts;

	ShellController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String frontDoor(@AuthenticationPrincipal @Nullable CurrentUser user) {
		return user == null ? "redirect:/login" : "redirect:/app";
	}

	@GetMapping("/app")
	String home(@AuthenticationPrincipal CurrentUser user, Model model) {
		Accounts.OrganizationOverview overview = this.accounts.organization();
		model.addAttribute("user", this.accounts.me(user));
		model.addAttribute("overview", overview);
		model.addAttribute("isAdmin", user.role() == Role.ADMIN);
		return "web/home";
	}

}
