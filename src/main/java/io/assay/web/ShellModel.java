package io.assay.web;

import java.util.Locale;

import io.assay.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user, for the top bar and for what the role may do, and
 * the words its scripts show, in the reader's language.
 */
@ControllerAdvice
class ShellModel {

	private final ScriptWords scriptWords;

	ShellModel(ScriptWords scriptWords) {
		this.scriptWords = scriptWords;
	}

	@ModelAttribute("scriptWords")
	String scriptWords(Locale locale) {
		return this.scriptWords.json(locale);
	}

	@ModelAttribute("me")
	@Nullable CurrentUser me(@AuthenticationPrincipal @Nullable CurrentUser user) {
		return user;
	}

}
