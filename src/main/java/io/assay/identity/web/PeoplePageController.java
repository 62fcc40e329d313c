package io.assay.identity.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.CurrentUser;
import io.assay.identity.Invitations;
import io.assay.identity.Role;
import io.assay.identity.TwoFactors;
import io.assay.identity.User;
import io.assay.identity.UserAdministration;
import io.assay.platform.ConflictException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.WordedException;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The people of the organisation, for its administrators: who they are, how they sign in,
 * their roles; invitations; deactivating, reactivating and removing accounts.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class PeoplePageController implements PageController {

	private static final int PER_PAGE = 50;

	private final UserAdministration users;

	private final Invitations invitations;

	private final TwoFactors twoFactors;

	private final MessageSource messages;

	PeoplePageController(UserAdministration users, Invitations invitations, TwoFactors twoFactors,
			MessageSource messages) {
		this.messages = messages;
		this.twoFactors = twoFactors;
		this.users = users;
		this.invitations = invitations;
	}

	@GetMapping("/users")
	String people(@RequestParam(required = false) @Nullable String done,
			@RequestParam(required = false) @Nullable Integer page, Model model) {
		model.addAttribute("done", done);
		model.addAttribute("pageNumber", page == null ? 1 : page);
		return page(model);
	}

	@PostMapping("/users/invitations")
	String invite(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String role,
			HttpServletResponse response, Model model) {
		try {
			Invitations.Sent sent = this.invitations.invite(email, InvitationController.role(role));
			return sent(sent, "invited", model);
		}
		catch (InvalidInputException | ConflictException ex) {
			model.addAttribute("inviteEmail", email);
			model.addAttribute("inviteRole", role);
			return refused(ex, response, model);
		}
	}

	@PostMapping("/users/invitations/{id}/resend")
	String resend(@PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			return sent(this.invitations.resend(id), "resent", model);
		}
		catch (ConflictException ex) {
			return refused(ex, response, model);
		}
	}

	@PostMapping("/users/invitations/{id}/revoke")
	String revoke(@PathVariable UUID id, HttpServletResponse response, Model model) {
		try {
			this.invitations.revoke(id);
			return "redirect:/users?done=revoked";
		}
		catch (ConflictException ex) {
			return refused(ex, response, model);
		}
	}

	@PostMapping("/users/{id}/role")
	String changeRole(@PathVariable UUID id, @RequestParam(defaultValue = "") String role, HttpServletResponse response,
			Model model) {
		try {
			this.users.update(id, InvitationController.role(role), null);
			return "redirect:/users?done=role-changed";
		}
		catch (InvalidInputException | ConflictException ex) {
			return refused(ex, response, model);
		}
	}

	@PostMapping("/users/{id}/deactivate")
	String deactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, HttpServletResponse response,
			Model model) {
		return setActive(admin, id, false, response, model);
	}

	@PostMapping("/users/{id}/reactivate")
	String reactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, HttpServletResponse response,
			Model model) {
		return setActive(admin, id, true, response, model);
	}

	/** Clears a person's second factor, for a lost phone and lost recovery codes. */
	@PostMapping("/users/{id}/clear-two-factor")
	String clearTwoFactor(@PathVariable UUID id) {
		this.twoFactors.clearFor(id);
		return "redirect:/users?done=two-factor-cleared";
	}

	/** Asks before a removal, saying what is kept. */
	@GetMapping("/users/{id}/delete")
	String confirmDelete(@PathVariable UUID id, Model model) {
		model.addAttribute("person", this.users.find(id));
		return "identity/delete-user";
	}

	@PostMapping("/users/{id}/delete")
	String delete(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, HttpServletResponse response,
			Model model) {
		try {
			this.users.delete(id, admin.userId());
			return "redirect:/users?done=deleted";
		}
		catch (ConflictException ex) {
			return refused(ex, response, model);
		}
	}

	private String setActive(CurrentUser admin, UUID id, boolean active, HttpServletResponse response, Model model) {
		try {
			this.users.setActive(id, active, admin.userId());
			return "redirect:/users?done=" + (active ? "reactivated" : "deactivated");
		}
		catch (ConflictException ex) {
			return refused(ex, response, model);
		}
	}

	/**
	 * After an invitation went out: back to the list, or, when this server cannot send
	 * email, the page with the link to pass on (shown this once, so not a redirect).
	 */
	private String sent(Invitations.Sent sent, String done, Model model) {
		if (sent.linkSecret() == null) {
			return "redirect:/users?done=" + done;
		}
		model.addAttribute("done", done + "-link");
		model.addAttribute("inviteLink", InvitationController.acceptUrl(sent.linkSecret()));
		model.addAttribute("invitedEmail", sent.invitation().email());
		return page(model);
	}

	private String refused(RuntimeException ex, HttpServletResponse response, Model model) {
		response.setStatus(ex instanceof ConflictException ? 409 : 422);
		// The page's language, as the request's locale resolver chose it for this
		// request.
		Locale locale = LocaleContextHolder.getLocale();
		model.addAttribute("problem", ex instanceof InvalidInputException invalid
				? String.join(" ",
						invalid.errors()
							.stream()
							.map(problem -> this.messages.getMessage("people.field." + problem.field(), null,
									problem.field(), locale) + " " + problem.message(this.messages, locale) + ".")
							.toList())
				: ex instanceof WordedException worded ? worded.message(this.messages, locale) : ex.getMessage());
		return page(model);
	}

	private String page(Model model) {
		Object number = model.getAttribute("pageNumber");
		PageRequest.Page<User> people = this.users.list(PageRequest.of(number instanceof Integer n ? n : 1, PER_PAGE,
				"name", UserAdministration.SORTABLE, "name"));
		model.addAttribute("people", people);
		model.addAttribute("lastPage", Math.max(1, (people.total() + PER_PAGE - 1) / PER_PAGE));
		model.addAttribute("invitations", this.invitations.open());
		model.addAttribute("seats", this.users.seats());
		model.addAttribute("roles", Role.values());
		model.addAttribute("invitationLifetime", this.invitations.linkLifetime());
		return "identity/people";
	}

}
