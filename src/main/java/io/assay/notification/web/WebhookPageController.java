package io.assay.notification.web;

import jakarta.servlet.http.HttpServletResponse;
import io.assay.notification.Webhooks;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.web.PageController;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The webhook page, for administrators: where deliveries go, its signing secret (shown
 * once, when set or rotated), a test event, and the last deliveries with their status.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class WebhookPageController implements PageController {

	private final Webhooks webhooks;

	WebhookPageController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping("/settings/webhook")
	String webhook(@RequestParam(required = false) @Nullable String done, Model model) {
		model.addAttribute("done", done);
		return page(model);
	}

	@PostMapping("/settings/webhook")
	String set(@RequestParam(defaultValue = "") String url, HttpServletResponse response, Model model) {
		try {
			model.addAttribute("secret", this.webhooks.set(url).secret());
			model.addAttribute("done", "saved");
		}
		catch (InvalidInputException ex) {
			response.setStatus(422);
			model.addAttribute("urlProblem", ex.errors().getFirst());
			model.addAttribute("enteredUrl", url);
		}
		return page(model);
	}

	@PostMapping("/settings/webhook/rotate")
	String rotate(Model model) {
		model.addAttribute("secret", this.webhooks.rotateSecret().secret());
		model.addAttribute("done", "rotated");
		return page(model);
	}

	@PostMapping("/settings/webhook/test")
	String test(Model model) {
		model.addAttribute("tested", this.webhooks.sendTest());
		return page(model);
	}

	@PostMapping("/settings/webhook/remove")
	String remove() {
		this.webhooks.remove();
		return "redirect:/settings/webhook?done=removed";
	}

	private String page(Model model) {
		try {
			model.addAttribute("webhook", this.webhooks.find());
		}
		catch (NotFoundException ex) {
			model.addAttribute("webhook", null);
		}
		model.addAttribute("deliveries", this.webhooks.deliveries(20));
		return "notification/webhook";
	}

}
