package io.assay.web;

import io.assay.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in user, for the top bar and for what the role may do. */
@ControllerAdvice
class ShellModel {

	@ModelAttribute("me")
	@Nullable CurrentUser me(@AuthenticationPrincipal @Nullable CurrentUser user) {
		return user;
	}

}
