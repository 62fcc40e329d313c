package io.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files in {@code deploy/}: the Helm chart renders to Kubernetes objects
 * that fit together (Helm cannot be installed here, so its templates are rendered by the
 * few template actions they are allowed to use, and any other fails the test), and every
 * setting the chart and the Compose file give Assay is one the README documents.
 */
class DeploymentFilesTest {

	private static final Path CHART = Path.of("deploy", "helm", "assay");

	private static final Pattern RANGE = Pattern
		.compile("\\{\\{ range \\$name, \\$value := \\.Values\\.([a-zA-Z.]+) }}(.*?)\\{\\{ end }}", Pattern.DOTALL);

	private static final Pattern ACTION = Pattern.compile("\\{\\{ ([.$][a-zA-Z.]*)( \\| quote)? }}");

	@Test
	@SuppressWarnings("unchecked")
	void theHelmChartRendersToObjectsThatFitTogether() throws IOException {
		Map<String, Object> values = new Yaml().load(Files.readString(CHART.resolve("values.yaml")));
		Map<String, Object> chart = new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
		Map<String, Map<String, Object>> objects = new LinkedHashMap<>();
		try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
			for (Path template : templates.sorted().toList()) {
				String rendered = render(Files.readString(template), values, chart);
				Map<String, Object> object = new Yaml().load(rendered);
				objects.put(object.get("kind") + "/" + at(object, "metadata.name"), object);
			}
		}
		assertThat(objects).containsOnlyKeys("ConfigMap/assay-settings", "Deployment/assay", "Secret/assay-secrets",
				"Service/assay");

		Map<String, Object> deployment = objects.get("Deployment/assay");
		assertThat((Integer) at(deployment, "spec.replicas")).as("several copies").isGreaterThanOrEqualTo(2);
		assertThat((Map<String, Object>) at(deployment, "spec.selector.matchLabels"))
			.isEqualTo(at(deployment, "spec.template.metadata.labels"));
		assertThat((Boolean) at(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isTrue();
		Map<String, Object> container = ((List<Map<String, Object>>) at(deployment, "spec.template.spec.containers"))
			.getFirst();
		assertThat((String) container.get("image")).isEqualTo("assay:" + chart.get("appVersion"));
		assertThat((List<Map<String, Object>>) container.get("ports"))
			.containsExactly(Map.of("name", "http", "containerPort", 8080));
		assertThat((String) at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat((String) at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "resources.limits.memory")).isNotBlank();
		List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container.get("envFrom");
		assertThat(objects).containsKey("ConfigMap/" + at(envFrom.get(0), "configMapRef.name"))
			.containsKey("Secret/" + at(envFrom.get(1), "secretRef.name"));

		Map<String, Object> service = objects.get("Service/assay");
		assertThat((Map<String, Object>) at(service, "spec.selector"))
			.isEqualTo(at(deployment, "spec.template.metadata.labels"));
		assertThat((String) ((List<Map<String, Object>>) at(service, "spec.ports")).getFirst().get("targetPort"))
			.isEqualTo("http");

		Map<String, Object> secrets = (Map<String, Object>) objects.get("Secret/assay-secrets").get("stringData");
		assertThat(secrets).as("the keys and passwords are secrets, not settings")
			.containsKeys("ASSAY_STORAGE_KEY", "ASSAY_AUDIT_KEY", "ASSAY_IDENTITY_KEY", "ASSAY_DATABASE_OWNER_PASSWORD",
					"ASSAY_DATABASE_APP_PASSWORD");
		Map<String, Object> settings = (Map<String, Object>) objects.get("ConfigMap/assay-settings").get("data");
		assertThat(settings).containsKeys("ASSAY_DATABASE_URL", "ASSAY_STORAGE_TYPE")
			.doesNotContainKeys(secrets.keySet().toArray(String[]::new));
		assertDocumented(settings.keySet());
		assertDocumented(secrets.keySet());
	}

	@Test
	@SuppressWarnings("unchecked")
	void theComposeFileGivesOnlyDocumentedSettings() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("deploy", "compose", "compose.yaml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("assay-1", "assay-2", "postgres", "minio", "haproxy");
		Map<String, Object> environment = (Map<String, Object>) at((Map<String, Object>) services.get("assay-1"),
				"environment");
		assertThat(environment).containsKeys("ASSAY_DATABASE_URL", "ASSAY_STORAGE_KEY", "ASSAY_AUDIT_KEY");
		assertDocumented(environment.keySet().stream().filter(name -> !name.equals("JAVA_TOOL_OPTIONS")).toList());
		assertThat(Files.readString(Path.of("deploy", "compose", "haproxy.cfg"))).contains("assay-1:8080")
			.contains("assay-2:8080")
			.contains("/actuator/health/readiness");
	}

	/** The settings README's "Configuration" documents, by name. */
	private static void assertDocumented(Iterable<String> names) throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		Set<String> documented = new TreeSet<>();
		Matcher name = Pattern.compile("`((?:ASSAY_|ANTHROPIC_)[A-Z0-9_]+)`").matcher(readme);
		while (name.find()) {
			documented.add(name.group(1));
		}
		assertThat(names)
			.allSatisfy(setting -> assertThat(documented).as(setting + " in the README").contains(setting));
	}

	/**
	 * Renders a template as Helm would, for the actions the chart uses: a value, a value
	 * quoted, and a range over a map of values (in the order of its keys, as Helm does).
	 */
	@SuppressWarnings("unchecked")
	private static String render(String template, Map<String, Object> values, Map<String, Object> chart) {
		// "{{-" and "-}}" take the white space on their side with them.
		String trimmed = template.replaceAll("\\s*\\{\\{-", "{{").replaceAll("-}}\\s*", "}}");
		Matcher range = RANGE.matcher(trimmed);
		StringBuilder expanded = new StringBuilder();
		while (range.find()) {
			StringBuilder body = new StringBuilder();
			for (Map.Entry<String, Object> entry : new TreeMap<>((Map<String, Object>) at(values, range.group(1)))
				.entrySet()) {
				body.append(range.group(2)
					.replace("{{ $name }}", entry.getKey())
					.replace("{{ $value | quote }}", quote(String.valueOf(entry.getValue()))));
			}
			range.appendReplacement(expanded, Matcher.quoteReplacement(body.toString()));
		}
		range.appendTail(expanded);
		Map<String, Object> scope = Map.of("Values", values, "Release", Map.of("Name", "assay"), "Chart",
				Map.of("AppVersion", chart.get("appVersion"), "Name", chart.get("name")));
		Matcher action = ACTION.matcher(expanded);
		StringBuilder rendered = new StringBuilder();
		while (action.find()) {
			String value = String.valueOf(at(scope, action.group(1).substring(1)));
			action.appendReplacement(rendered,
					Matcher.quoteReplacement(action.group(2) == null ? value : quote(value)));
		}
		action.appendTail(rendered);
		assertThat(rendered.toString()).as("a template action this test does not render").doesNotContain("{{");
		return rendered.toString();
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> map, String path) {
		Object current = map;
		List<String> walked = new ArrayList<>();
		for (String key : path.split("\\.")) {
			walked.add(key);
			assertThat(current).as(String.join(".", walked)).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
			assertThat(current).as(String.join(".", walked) + " is set").isNotNull();
		}
		return current;
	}

}
