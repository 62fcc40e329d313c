package io.assay.web;

import java.util.Map;

import io.assay.assessment.Assessments;
import io.assay.assessment.Submissions;
import io.assay.identity.Accounts;
import io.assay.identity.CurrentUser;
import io.assay.platform.web.PageController;
import io.assay.platform.web.PageRequest;
import io.assay.workflow.WorkflowTemplates;
import io.assay.workflow.Workflows;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard, and the front door that leads to it. */
@Controller
class ShellController implements PageController {

	private final Accounts accounts;

	private final Workflows workflows;

	private final WorkflowTemplates templates;

	private final Assessments assessments;

	private final Submissions submissions;

	ShellController(Accounts accounts, Workflows workflows, WorkflowTemplates templates, Assessments assessments,
			Submissions submissions) {
		this.submissions = submissions;
		this.accounts = accounts;
		this.workflows = workflows;
		this.templates = templates;
		this.assessments = assessments;
	}

	@GetMapping("/")
	String frontDoor(@AuthenticationPrincipal @Nullable CurrentUser user) {
		return user == null ? "redirect:/login" : "redirect:/app";
	}

	@GetMapping("/app")
	String dashboard(@AuthenticationPrincipal CurrentUser user, Model model) {
		model.addAttribute("overview", this.accounts.organization());
		model.addAttribute("myWork", this.submissions.myWork(20));
		model.addAttribute("workflows",
				this.workflows.list(false, PageRequest.of(1, 6, "-updated_at", Workflows.SORTABLE, "-updated_at")));
		model.addAttribute("templates", this.templates.all());
		// The newest five, without counting all of the organisation's runs.
		model.addAttribute("assessments",
				this.assessments.listAfter(new Assessments.Filter(null, null, null), null, 5));
		return "web/dashboard";
	}

}
