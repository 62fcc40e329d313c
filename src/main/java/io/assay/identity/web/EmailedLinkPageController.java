package io.assay.identity.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.Accounts;
import io.assay.identity.SessionCookie;
import io.assay.identity.Invitations;
import io.assay.identity.PasswordResets;
import io.assay.platform.ConflictException;
import io.assay.platform.GoneException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.web.PageController;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages behind the links Assay emails, open to whoever holds the link: accepting an
 * invitation, and asking for and using a password reset link.
 */
@Controller
class EmailedLinkPageController implements PageController {

	private final Invitations invitations;

	private final PasswordResets resets;

	private final Accounts accounts;

	private final SessionCookie session;

	private final MessageSource messages;

	EmailedLinkPageController(Invitations invitations, PasswordResets resets, Accounts accounts, SessionCookie session,
			MessageSource messages) {
		this.messages = messages;
		this.invitations = invitations;
		this.resets = resets;
		this.accounts = accounts;
		this.session = session;
	}

	@GetMapping("/invitations/{secret}")
	String invitation(@PathVariable String secret, HttpServletResponse response, Model model) {
		return invitationPage(secret, response, model);
	}

	@PostMapping("/invitations/{secret}")
	String accept(@PathVariable String secret, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Locale locale, Model model) {
		try {
			Accounts.AccessGrant grant = this.invitations.accept(secret, name, password);
			this.session.set(request, response, grant.accessToken(), this.accounts.sessionTtl());
			return "redirect:/app?welcome";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("name", name);
			model.addAttribute("problems", ex.errors());
			return invitationPage(secret, response, model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			model.addAttribute("problem", ex.message(this.messages, locale));
			return invitationPage(secret, response, model);
		}
		catch (GoneException ex) {
			return gone("invitation", response, model);
		}
	}

	@GetMapping("/forgot-password")
	String forgotPassword(Model model) {
		model.addAttribute("canSend", this.resets.canSend());
		return "identity/forgot-password";
	}

	@PostMapping("/forgot-password")
	String requestReset(@RequestParam(defaultValue = "") String email, HttpServletResponse response, Locale locale,
			Model model) {
		model.addAttribute("canSend", this.resets.canSend());
		try {
			this.resets.request(email);
			model.addAttribute("requested", true);
			model.addAttribute("lifetime", this.resets.linkLifetime());
		}
		catch (RateLimitedException ex) {
			response.setStatus(429);
			model.addAttribute("problem", ex.message(this.messages, locale));
		}
		return "identity/forgot-password";
	}

	@GetMapping("/password-reset/{secret}")
	String passwordReset(@PathVariable String secret, HttpServletResponse response, Model model) {
		return resetPage(secret, response, model);
	}

	@PostMapping("/password-reset/{secret}")
	String completeReset(@PathVariable String secret, @RequestParam(defaultValue = "") String password,
			HttpServletResponse response, Model model) {
		try {
			this.resets.complete(secret, password);
			return "redirect:/login?password_reset";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("problems", ex.errors());
			return resetPage(secret, response, model);
		}
		catch (GoneException ex) {
			return gone("password-reset", response, model);
		}
	}

	/**
	 * A link that no longer works (expired, used, revoked or replaced): 410, with what to
	 * do about it.
	 */
	private static String gone(String link, HttpServletResponse response, Model model) {
		response.setStatus(410);
		model.addAttribute("link", link);
		return "identity/link-gone";
	}

	private String invitationPage(String secret, HttpServletResponse response, Model model) {
		Invitations.Opened opened = this.invitations.opened(secret).orElse(null);
		if (opened == null) {
			return gone("invitation", response, model);
		}
		model.addAttribute("invitation", opened);
		model.addAttribute("secret", secret);
		return "identity/accept-invitation";
	}

	private String resetPage(String secret, HttpServletResponse response, Model model) {
		PasswordResets.Opened opened = this.resets.opened(secret).orElse(null);
		if (opened == null) {
			return gone("password-reset", response, model);
		}
		model.addAttribute("reset", opened);
		model.addAttribute("secret", secret);
		return "identity/password-reset";
	}

}
