package io.assay.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ready-made workflows that ship with Assay
 * ({@code classpath:workflow-templates/*.json}), written with real regulatory content,
 * for an organisation to copy and adapt.
 */
@Service
public class WorkflowTemplates {

	private final List<WorkflowTemplate> templates;

	private final Workflows workflows;

	WorkflowTemplates(JsonMapper json, Workflows workflows) throws IOException {
		this.workflows = workflows;
		Resource[] resources = new PathMatchingResourcePatternResolver()
			.getResources("classpath:workflow-templates/*.json");
		this.templates = Arrays.stream(resources)
			.map(resource -> read(json, resource))
			.sorted(Comparator.comparing(WorkflowTemplate::name))
			.toList();
	}

	/**
	 * A template: its key, what it is for, the regulation or standard it follows, and the
	 * workflow it creates.
	 */
	public record WorkflowTemplate(String key, String name, String summary, String basis, WorkflowDraft workflow) {
	}

	public List<WorkflowTemplate> all() {
		return this.templates;
	}

	public WorkflowTemplate find(String key) {
		return this.templates.stream()
			.filter(template -> template.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new io.assay.platform.NotFoundException("Workflow template"));
	}

	/** Creates a workflow of the bound organisation from a template. */
	@Transactional
	public Workflow copy(String key) {
		WorkflowTemplate template = find(key);
		return this.workflows.create(template.workflow(), Map.of("template", template.key()));
	}

	private static WorkflowTemplate read(JsonMapper json, Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			WorkflowTemplate template = json.readValue(in, WorkflowTemplate.class);
			// A template that would not pass as a workflow must fail at start-up, not
			// when
			// a customer copies it.
			WorkflowRules.check(template.workflow(), java.util.Set.of(), java.util.Set.of(), true);
			return template;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read workflow template " + resource.getFilename(), ex);
		}
	}

}
