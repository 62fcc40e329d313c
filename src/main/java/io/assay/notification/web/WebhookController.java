package io.assay.notification.web;

import io.assay.notification.Webhooks;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organisation's webhook, told when an assessment ends; administrators set it. The
 * signing secret is in the answer to setting it, and nowhere after.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class WebhookController {

	private final Webhooks webhooks;

	WebhookController(Webhooks webhooks) {
		this.webhooks = webhooks;
	}

	record WebhookRequest(@Nullable String url) {
	}

	@PutMapping("/v1/organization/webhook")
	Webhooks.Webhook set(@RequestBody WebhookRequest request) {
		return this.webhooks.set(request.url());
	}

	@GetMapping("/v1/organization/webhook")
	Webhooks.Webhook find() {
		return this.webhooks.find();
	}

	/** A new signing secret, answered this once; the URL stays. */
	@PostMapping("/v1/organization/webhook/rotate-secret")
	Webhooks.Webhook rotate() {
		return this.webhooks.rotateSecret();
	}

	/** Sends a test event now and answers how the endpoint took it. */
	@PostMapping("/v1/organization/webhook/test")
	Webhooks.Delivery test() {
		return this.webhooks.sendTest();
	}

	/** The last deliveries, each try with the endpoint's answer, newest first. */
	@GetMapping("/v1/organization/webhook/deliveries")
	java.util.List<Webhooks.Delivery> deliveries() {
		return this.webhooks.deliveries(50);
	}

	@DeleteMapping("/v1/organization/webhook")
	ResponseEntity<Void> remove() {
		this.webhooks.remove();
		return ResponseEntity.noContent().build();
	}

}
