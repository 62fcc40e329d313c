package io.assay.identity.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.Accounts;
import io.assay.identity.CurrentUser;
import io.assay.identity.SessionCookie;
import io.assay.identity.SingleSignOn;
import io.assay.platform.ConflictException;
import io.assay.platform.ForbiddenException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.RateLimitedException;
import io.assay.platform.UnauthenticatedException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The browser's way in: the login and sign-up forms and sign-out. A successful login puts
 * the access token in an HttpOnly cookie that scripts cannot read.
 */
@Controller
class SignInPageController {

	private final Accounts accounts;

	private final SessionCookie session;

	private final SingleSignOn singleSignOn;

	private final MessageSource messages;

	SignInPageController(Accounts accounts, SessionCookie session, SingleSignOn singleSignOn, MessageSource messages) {
		this.singleSignOn = singleSignOn;
		this.messages = messages;
		this.accounts = accounts;
		this.session = session;
	}

	@GetMapping("/login")
	String loginPage(Model model) {
		model.addAttribute("signupEnabled", this.accounts.signupEnabled());
		return "identity/login";
	}

	@PostMapping("/login")
	String login(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
			@RequestParam(name = "organization_id", required = false) @Nullable UUID organizationId,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
		try {
			Accounts.AccessGrant grant = this.accounts.login(email, password, organizationId);
			this.session.set(request, response, grant.accessToken(), this.accounts.sessionTtl());
			return "redirect:/app";
		}
		catch (Accounts.SecondFactorRequired ex) {
			return secondFactorPage(ex.challenge(), ex.enrolment() == null ? null : ex.enrolment().secret(),
					ex.enrolment() == null ? null : ex.enrolment().uri(), null, model);
		}
		catch (Accounts.OrganizationChoiceRequired ex) {
			response.setStatus(409);
			model.addAttribute("error", ex.message(this.messages, locale));
			model.addAttribute("email", email);
			model.addAttribute("organizations", ex.organizations());
			model.addAttribute("signupEnabled", this.accounts.signupEnabled());
			return "identity/login";
		}
		catch (UnauthenticatedException | RateLimitedException ex) {
			response.setStatus(ex instanceof RateLimitedException ? 429 : 401);
			model.addAttribute("error", ex.message(this.messages, locale));
			model.addAttribute("email", email);
			model.addAttribute("signupEnabled", this.accounts.signupEnabled());
			return "identity/login";
		}
	}

	/**
	 * Single sign-on: the address's domain leads to its organisation's provider, where
	 * the person signs in and from where they come back signed in to Assay.
	 */
	@PostMapping("/login/sso")
	String singleSignOn(@RequestParam(defaultValue = "") String email, HttpServletResponse response, Model model) {
		// A page that moves on by itself rather than a redirect: the login page's
		// form-action policy ('self') stops a form's redirect to another site.
		return this.singleSignOn.organizationFor(email).map(organization -> {
			model.addAttribute("next", "/oauth2/authorization/" + organization);
			return "identity/sso-continue";
		}).orElseGet(() -> {
			response.setStatus(404);
			model.addAttribute("ssoEmail", email);
			model.addAttribute("ssoProblem", "none");
			model.addAttribute("signupEnabled", this.accounts.signupEnabled());
			return "identity/login";
		});
	}

	/** The second step of a sign-in: the authenticator app's code, or setting one up. */
	@PostMapping("/login/second-factor")
	String secondFactor(@RequestParam(defaultValue = "") String challenge, @RequestParam(defaultValue = "") String code,
			@RequestParam(required = false) @Nullable String secret,
			@RequestParam(required = false) @Nullable String uri, HttpServletRequest request,
			HttpServletResponse response, Locale locale, Model model) {
		try {
			Accounts.SecondFactorPassed passed = this.accounts.completeSecondFactor(challenge, code);
			this.session.set(request, response, passed.grant().accessToken(), this.accounts.sessionTtl());
			if (passed.recoveryCodes().isEmpty()) {
				return "redirect:/app";
			}
			model.addAttribute("recoveryCodes", passed.recoveryCodes());
			model.addAttribute("next", "/app");
			return "identity/recovery-codes";
		}
		catch (UnauthenticatedException | RateLimitedException ex) {
			response.setStatus(ex instanceof RateLimitedException ? 429 : 401);
			String error = ex.message(this.messages, locale);
			if (ex instanceof Accounts.SignInOver || ex instanceof RateLimitedException) {
				model.addAttribute("error", error);
				model.addAttribute("signupEnabled", this.accounts.signupEnabled());
				return "identity/login";
			}
			return secondFactorPage(challenge, secret, uri, error, model);
		}
	}

	private static String secondFactorPage(String challenge, @Nullable String secret, @Nullable String uri,
			@Nullable String error, Model model) {
		model.addAttribute("challenge", challenge);
		model.addAttribute("error", error);
		if (secret != null && uri != null && uri.startsWith("otpauth://totp/")) {
			model.addAttribute("secret", secret);
			model.addAttribute("uri", uri);
			model.addAttribute("qr", QrCodes.svg(uri, "QR code for your authenticator app"));
		}
		return "identity/second-factor";
	}

	@GetMapping("/signup")
	String signupPage(Model model) {
		model.addAttribute("signupEnabled", this.accounts.signupEnabled());
		return "identity/signup";
	}

	@PostMapping("/signup")
	String signup(@RequestParam(name = "organization_name", defaultValue = "") String organizationName,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Locale locale, Model model) {
		model.addAttribute("signupEnabled", this.accounts.signupEnabled());
		model.addAttribute("organizationName", organizationName);
		model.addAttribute("name", name);
		model.addAttribute("email", email);
		try {
			Accounts.SignedUp signedUp = this.accounts.signup(organizationName, email, password, name);
			this.session.set(request, response, signedUp.grant().accessToken(), this.accounts.sessionTtl());
			return "redirect:/app";
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("problems", ex.errors());
			return "identity/signup";
		}
		catch (ConflictException | ForbiddenException ex) {
			return refuse(response, model, ex instanceof ConflictException ? 409 : 403,
					ex.message(this.messages, locale));
		}
	}

	@PostMapping("/logout")
	String logout(@AuthenticationPrincipal @Nullable CurrentUser user, HttpServletRequest request,
			HttpServletResponse response) {
		if (user != null) {
			this.accounts.logout(user);
		}
		this.session.end(request, response);
		return "redirect:/login?signed_out";
	}

	private static String refuse(HttpServletResponse response, Model model, int status, String message) {
		response.setStatus(status);
		model.addAttribute("error", message);
		return "identity/signup";
	}

}
