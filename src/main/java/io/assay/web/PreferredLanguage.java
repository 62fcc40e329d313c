package io.assay.web;

import java.util.Collections;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.identity.CurrentUser;
import io.assay.identity.OwnAccount;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language a page is written in: the person's choice, else their organisation's
 * default (both carried by the signed-in user), else the first of the browser's languages
 * that Assay is written in, else English.
 */
final class PreferredLanguage implements LocaleResolver {

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
				&& user.locale() != null) {
			return Locale.forLanguageTag(user.locale());
		}
		if (request.getHeader("Accept-Language") != null) {
			for (Locale wanted : Collections.list(request.getLocales())) {
				if (OwnAccount.LANGUAGES.contains(wanted.getLanguage())) {
					return Locale.forLanguageTag(wanted.getLanguage());
				}
			}
		}
		return Locale.ENGLISH;
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		throw new UnsupportedOperationException("The language is chosen on the account page, not per request");
	}

}
