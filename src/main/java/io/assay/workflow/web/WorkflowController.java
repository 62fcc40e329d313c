package io.assay.workflow.web;

import java.util.List;
import java.util.UUID;

import io.assay.platform.InvalidInputException;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.workflow.SignOffPolicy;
import io.assay.workflow.Workflow;
import io.assay.workflow.WorkflowDraft;
import io.assay.workflow.WorkflowSummary;
import io.assay.workflow.WorkflowTemplates;
import io.assay.workflow.WorkflowTemplates.WorkflowTemplate;
import io.assay.workflow.Workflows;
import io.assay.workflow.Workflows.VersionSummary;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflows and their templates over HTTP. Everyone in the organisation may read; process
 * managers and administrators may write.
 */
@RestController
class WorkflowController {

	private final Workflows workflows;

	private final WorkflowTemplates templates;

	WorkflowController(Workflows workflows, WorkflowTemplates templates) {
		this.workflows = workflows;
		this.templates = templates;
	}

	@PostMapping("/v1/workflows")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	ResponseEntity<Workflow> create(@RequestBody WorkflowDraft draft) {
		Workflow created = this.workflows.create(draft);
		return ResponseEntity.created(java.net.URI.create("/v1/workflows/" + created.id())).body(created);
	}

	@GetMapping("/v1/workflows")
	Page<WorkflowSummary> list(@RequestParam(name = "include_archived", defaultValue = "false") boolean includeArchived,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String sort) {
		return this.workflows.list(includeArchived,
				PageRequest.of(page, limit, sort, Workflows.SORTABLE, "-updated_at"));
	}

	@GetMapping("/v1/workflows/{id}")
	Workflow find(@PathVariable UUID id) {
		return this.workflows.find(id);
	}

	@PutMapping("/v1/workflows/{id}")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	Workflow replace(@PathVariable UUID id, @RequestBody WorkflowDraft draft) {
		return this.workflows.revise(id, draft);
	}

	@DeleteMapping("/v1/workflows/{id}")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void archive(@PathVariable UUID id) {
		this.workflows.archive(id);
	}

	record SignOffSetting(@Nullable String policy) {
	}

	/** Who may sign off runs of this workflow's submissions: owner or four_eyes. */
	@GetMapping("/v1/workflows/{id}/sign-off")
	SignOffSetting signOff(@PathVariable UUID id) {
		return new SignOffSetting(this.workflows.signOffPolicy(id).value());
	}

	@PutMapping("/v1/workflows/{id}/sign-off")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	SignOffSetting setSignOff(@PathVariable UUID id, @RequestBody SignOffSetting setting) {
		SignOffPolicy policy = setting.policy() == null ? null : SignOffPolicy.of(setting.policy()).orElse(null);
		if (policy == null) {
			throw InvalidInputException.of("policy", Wording.of("field.one-of", "owner, four_eyes"));
		}
		return new SignOffSetting(this.workflows.setSignOffPolicy(id, policy).value());
	}

	@GetMapping("/v1/workflows/{id}/versions")
	List<VersionSummary> versions(@PathVariable UUID id) {
		return this.workflows.versions(id);
	}

	@GetMapping("/v1/workflows/{id}/versions/{version}")
	Workflow version(@PathVariable UUID id, @PathVariable int version) {
		return this.workflows.version(id, version);
	}

	@GetMapping("/v1/workflow-templates")
	List<WorkflowTemplate> templates() {
		return this.templates.all();
	}

	@GetMapping("/v1/workflow-templates/{key}")
	WorkflowTemplate template(@PathVariable String key) {
		return this.templates.find(key);
	}

	@PostMapping("/v1/workflow-templates/{key}/copy")
	@PreAuthorize("hasRole('PROCESS_MANAGER')")
	ResponseEntity<Workflow> copy(@PathVariable String key) {
		Workflow created = this.templates.copy(key);
		return ResponseEntity.created(java.net.URI.create("/v1/workflows/" + created.id())).body(created);
	}

}
