package io.assay.workflow.web;

import java.util.UUID;

import io.assay.identity.CurrentUser;
import io.assay.platform.ForbiddenException;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import io.assay.workflow.Workflow;
import io.assay.workflow.WorkflowTemplates;
import io.assay.workflow.Workflows;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow pages: the list, a workflow with its history, the templates, and the
 * builder. The builder saves through the JSON API, so the browser and API clients meet
 * the same rules and the same messages.
 */
@Controller
class WorkflowPagesController implements PageController {

	private final Workflows workflows;

	private final WorkflowTemplates templates;

	private final JsonMapper json;

	WorkflowPagesController(Workflows workflows, WorkflowTemplates templates, JsonMapper json) {
		this.workflows = workflows;
		this.templates = templates;
		this.json = json;
	}

	@GetMapping("/workflows")
	String list(@RequestParam(defaultValue = "false") boolean archived,
			@RequestParam(required = false) @Nullable Integer page, Model model) {
		model.addAttribute("archived", archived);
		model.addAttribute("workflows",
				this.workflows.list(archived, PageRequest.of(page, 50, "name", Workflows.SORTABLE, "name")));
		return "workflow/list";
	}

	@GetMapping("/workflows/{id}")
	String show(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version, Model model) {
		Workflow current = this.workflows.find(id);
		Workflow shown = version == null || version == current.version() ? current
				: this.workflows.version(id, version);
		model.addAttribute("workflow", shown);
		model.addAttribute("current", current);
		model.addAttribute("versions", this.workflows.versions(id));
		model.addAttribute("signOffPolicy", this.workflows.signOffPolicy(id).value());
		return "workflow/show";
	}

	@GetMapping("/workflows/new")
	String create(@AuthenticationPrincipal CurrentUser user, Model model) {
		requireDefinesWorkflows(user);
		model.addAttribute("workflow", null);
		model.addAttribute("workflowJson", "null");
		return "workflow/builder";
	}

	@GetMapping("/workflows/{id}/edit")
	String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
		requireDefinesWorkflows(user);
		Workflow workflow = this.workflows.find(id);
		if (!workflow.isActive()) {
			throw new io.assay.platform.ConflictException(Wording.of("problem.workflow-archived-change"));
		}
		model.addAttribute("workflow", workflow);
		model.addAttribute("workflowJson", this.json.writeValueAsString(workflow));
		return "workflow/builder";
	}

	@PostMapping("/workflows/{id}/archive")
	String archive(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		requireDefinesWorkflows(user);
		this.workflows.archive(id);
		return "redirect:/workflows/" + id;
	}

	@GetMapping("/workflows/templates")
	String templates(Model model) {
		model.addAttribute("templates", this.templates.all());
		return "workflow/templates";
	}

	@PostMapping("/workflows/templates/{key}/copy")
	String copy(@AuthenticationPrincipal CurrentUser user, @PathVariable String key) {
		requireDefinesWorkflows(user);
		Workflow created = this.templates.copy(key);
		return "redirect:/workflows/" + created.id() + "/edit?from_template";
	}

	private static void requireDefinesWorkflows(CurrentUser user) {
		if (!user.definesWorkflows()) {
			throw new ForbiddenException(Wording.of("problem.workflows-for-managers"));
		}
	}

}
