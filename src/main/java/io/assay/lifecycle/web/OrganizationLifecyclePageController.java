package io.assay.lifecycle.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.CurrentUser;
import io.assay.identity.SessionCookie;
import io.assay.lifecycle.OrganizationLifecycle;
import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageController;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Deleting the organisation from its settings page. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class OrganizationLifecyclePageController implements PageController {

	private final OrganizationLifecycle lifecycle;

	private final SessionCookie session;

	OrganizationLifecyclePageController(OrganizationLifecycle lifecycle, SessionCookie session) {
		this.lifecycle = lifecycle;
		this.session = session;
	}

	@PostMapping("/settings/delete-organization")
	String delete(@AuthenticationPrincipal CurrentUser admin, @RequestParam(defaultValue = "") String confirm,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			this.lifecycle.delete(admin, confirm);
		}
		catch (InvalidInputException ex) {
			return "redirect:/settings?done=not-deleted";
		}
		this.session.end(request, response);
		return "redirect:/login?organization_deleted";
	}

}
