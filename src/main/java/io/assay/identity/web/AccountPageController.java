package io.assay.identity.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.Accounts;
import io.assay.identity.ApiTokens;
import io.assay.identity.CurrentUser;
import io.assay.identity.SessionCookie;
import io.assay.identity.OwnAccount;
import io.assay.identity.TwoFactors;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.web.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Your account": the signed-in person's language, password, sessions and personal API
 * tokens.
 */
@Controller
class AccountPageController implements PageController {

	private final Accounts accounts;

	private final OwnAccount ownAccount;

	private final ApiTokens tokens;

	private final SessionCookie session;

	private final TwoFactors twoFactors;

	private final MessageSource messages;

	AccountPageController(Accounts accounts, OwnAccount ownAccount, ApiTokens tokens, SessionCookie session,
			TwoFactors twoFactors, MessageSource messages) {
		this.messages = messages;
		this.twoFactors = twoFactors;
		this.accounts = accounts;
		this.ownAccount = ownAccount;
		this.tokens = tokens;
		this.session = session;
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) @Nullable String done,
			Model model) {
		model.addAttribute("done", done);
		return page(user, model);
	}

	@PostMapping("/account/language")
	String changeLanguage(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String language) {
		this.ownAccount.changeLanguage(user, language.isEmpty() ? null : language);
		return "redirect:/account?done=language";
	}

	@PostMapping("/account/password")
	String changePassword(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(name = "current_password", defaultValue = "") String currentPassword,
			@RequestParam(name = "new_password", defaultValue = "") String newPassword, HttpServletResponse response,
			Locale locale, Model model) {
		try {
			this.ownAccount.changePassword(user, currentPassword, newPassword);
			return "redirect:/account?done=password";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("passwordProblems", ex.errors());
			return page(user, model);
		}
		catch (RateLimitedException ex) {
			response.setStatus(429);
			model.addAttribute("problem", ex.message(this.messages, locale));
			return page(user, model);
		}
	}

	@PostMapping("/account/sessions/{id}/end")
	String endSession(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response) {
		this.ownAccount.endSession(user, id);
		if (id.equals(user.tokenId())) {
			this.session.end(request, response);
			return "redirect:/login?signed_out";
		}
		return "redirect:/account?done=session-ended";
	}

	@PostMapping("/account/sessions/end-others")
	String endOtherSessions(@AuthenticationPrincipal CurrentUser user) {
		this.ownAccount.endOtherSessions(user);
		return "redirect:/account?done=sessions-ended";
	}

	/** Makes a personal API token and shows it, this once (so not a redirect). */
	@PostMapping("/account/tokens")
	String createToken(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(name = "expires_in_days", defaultValue = "90") String expiresInDays,
			HttpServletResponse response, Model model) {
		if (name.isBlank() || name.length() > 255 || name.indexOf('\0') >= 0) {
			response.setStatus(422);
			model.addAttribute("tokenProblem", "name");
			return page(user, model);
		}
		Instant expires = switch (expiresInDays) {
			case "30", "90", "365" -> Instant.now().plus(Duration.ofDays(Long.parseLong(expiresInDays)));
			default -> null;
		};
		ApiTokens.CreatedToken created = this.tokens.create(user, name, expires);
		model.addAttribute("createdToken", created);
		return page(user, model);
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		this.tokens.delete(user, id);
		return "redirect:/account?done=token-revoked";
	}

	/** Proposes a secret for an authenticator app, shown with its QR code. */
	@PostMapping("/account/two-factor/start")
	String startTwoFactor(@AuthenticationPrincipal CurrentUser user, HttpServletResponse response, Locale locale,
			Model model) {
		try {
			TwoFactors.Enrolment enrolment = this.twoFactors.startEnrolment(user);
			enrolment(enrolment.secret(), enrolment.uri(), model);
		}
		catch (ConflictException ex) {
			response.setStatus(409);
			model.addAttribute("problem", ex.message(this.messages, locale));
		}
		return page(user, model);
	}

	@PostMapping("/account/two-factor/confirm")
	String confirmTwoFactor(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String secret, @RequestParam(defaultValue = "") String uri,
			HttpServletResponse response, Model model) {
		try {
			return recoveryCodes(this.twoFactors.confirmEnrolment(user, code), model);
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? 409 : 422);
			model.addAttribute("twoFactorProblem", true);
			if (uri.startsWith("otpauth://totp/")) {
				enrolment(secret, uri, model);
			}
			return page(user, model);
		}
	}

	@PostMapping("/account/two-factor/recovery-codes")
	String renewRecoveryCodes(@AuthenticationPrincipal CurrentUser user, Model model) {
		return recoveryCodes(this.twoFactors.renewRecoveryCodes(user), model);
	}

	@PostMapping("/account/two-factor/disable")
	String disableTwoFactor(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "") String password,
			HttpServletResponse response, Locale locale, Model model) {
		try {
			this.twoFactors.disable(user, password);
			return "redirect:/account?done=two-factor-off";
		}
		catch (InvalidInputException | ConflictException ex) {
			response.setStatus(ex instanceof ConflictException ? 409 : 422);
			model.addAttribute("problem",
					ex instanceof ConflictException conflict ? conflict.message(this.messages, locale) : null);
			model.addAttribute("disableProblem", ex instanceof InvalidInputException);
			return page(user, model);
		}
	}

	private static String recoveryCodes(java.util.List<String> codes, Model model) {
		model.addAttribute("recoveryCodes", codes);
		model.addAttribute("next", "/account?done=two-factor-on");
		return "identity/recovery-codes";
	}

	private static void enrolment(String secret, String uri, Model model) {
		model.addAttribute("enrolmentSecret", secret);
		model.addAttribute("enrolmentUri", uri);
		model.addAttribute("enrolmentQr", QrCodes.svg(uri, "QR code for your authenticator app"));
	}

	private String page(CurrentUser user, Model model) {
		model.addAttribute("account", this.accounts.me(user));
		model.addAttribute("twoFactor", this.twoFactors.status(user));
		model.addAttribute("sessions", this.ownAccount.sessions(user));
		model.addAttribute("tokens", this.tokens.list(user));
		model.addAttribute("languages", OwnAccount.LANGUAGES);
		return "identity/account";
	}

}
