package io.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the module boundaries of ARCHITECTURE.md: modules use each other only through
 * their top-level packages and only as their package-info allows, with no cycles; and the
 * infrastructure libraries stay where they belong.
 */
@AnalyzeClasses(packages = "io.assay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(Assay.class).verify();
	}

	/**
	 * Every table has one owning module, and only that module's SQL names it: other
	 * modules go through the owner's API. A table a migration creates must be given an
	 * owner here.
	 */
	static final Map<String, String> TABLE_OWNERS = Map.ofEntries(Map.entry("organizations", "identity"),
			Map.entry("users", "identity"), Map.entry("access_tokens", "identity"),
			Map.entry("login_throttle", "identity"), Map.entry("audit_logs", "audit"),
			Map.entry("audit_chain_heads", "audit"), Map.entry("workflows", "workflow"),
			Map.entry("workflow_versions", "workflow"), Map.entry("buckets", "workflow"),
			Map.entry("criteria", "workflow"), Map.entry("documents", "document"),
			Map.entry("parsed_documents", "document"), Map.entry("parsed_pages", "document"),
			Map.entry("pending_store_writes", "document"), Map.entry("submissions", "assessment"),
			Map.entry("assessments", "assessment"), Map.entry("assessment_documents", "assessment"),
			Map.entry("assessment_results", "assessment"), Map.entry("assessment_result_answers", "assessment"),
			Map.entry("assessment_result_archives", "assessment"), Map.entry("assessment_sign_offs", "assessment"),
			Map.entry("result_comments", "assessment"), Map.entry("scheduled_tasks", "assessment"),
			Map.entry("judge_answers", "evaluation"), Map.entry("judge_calls", "evaluation"),
			Map.entry("report_shares", "reporting"), Map.entry("organization_webhooks", "notification"),
			Map.entry("usage_months", "billing"), Map.entry("usage_workflow_months", "billing"),
			Map.entry("client_limits", "platform"), Map.entry("audit_seals", "audit"),
			Map.entry("document_layouts", "document"), Map.entry("invitations", "identity"),
			Map.entry("password_resets", "identity"), Map.entry("recovery_codes", "identity"),
			Map.entry("login_challenges", "identity"), Map.entry("webhook_deliveries", "notification"),
			Map.entry("organization_sso", "identity"), Map.entry("sso_domains", "identity"),
			Map.entry("organization_deletions", "lifecycle"));

	private static final Pattern TABLE_IN_SQL = Pattern
		.compile("(?i)\\b(?:from|join|into|update|table|exists)\\s+([a-z_]+)\\b");

	private static final Pattern STRING_LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
			Pattern.DOTALL);

	@Test
	void everyTableCreatedHasAnOwner() throws IOException {
		Pattern created = Pattern.compile("(?i)create table ([a-z_]+)");
		try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
			for (Path migration : migrations.toList()) {
				Matcher matcher = created.matcher(Files.readString(migration));
				while (matcher.find()) {
					assertThat(TABLE_OWNERS).as("owner of %s, created in %s", matcher.group(1), migration.getFileName())
						.containsKey(matcher.group(1));
				}
			}
		}
	}

	@Test
	void noModulesSqlNamesATableOwnedByAnother() throws IOException {
		Path root = Path.of("src/main/java/io/assay");
		List<String> trespasses = new ArrayList<>();
		try (Stream<Path> sources = Files.walk(root)) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				Path relative = root.relativize(source);
				if (relative.getNameCount() < 2) {
					continue;
				}
				String module = relative.getName(0).toString();
				Matcher literal = STRING_LITERAL.matcher(Files.readString(source));
				while (literal.find()) {
					String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
					Matcher table = TABLE_IN_SQL.matcher(text);
					while (table.find()) {
						String owner = TABLE_OWNERS.get(table.group(1).toLowerCase(java.util.Locale.ROOT));
						if (owner != null && !owner.equals(module)) {
							trespasses.add(relative + " (module " + module + ") names " + table.group(1) + ", owned by "
									+ owner);
						}
					}
				}
			}
		}
		assertThat(trespasses).as("SQL naming another module's table").isEmpty();
	}

	@ArchTest
	static final ArchRule onlyTheDatabaseSetUpTouchesEmbeddedPostgresAndFlyway = noClasses().that()
		.resideOutsideOfPackage("io.assay.platform.database..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.zonky..", "org.flywaydb..");

	@ArchTest
	static final ArchRule onlyTheJudgesTalkToModelProviders = noClasses().that()
		.resideOutsideOfPackage("io.assay.evaluation.judges..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.anthropic..");

	@ArchTest
	static final ArchRule onlyDocumentStorageTalksToS3 = noClasses().that()
		.resideOutsideOfPackage("io.assay.document.storage..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("software.amazon.awssdk..");

	/**
	 * The durable queue is the assessment module's; notifications add their delivery task
	 * to it. Nothing else knows the library.
	 */
	@ArchTest
	static final ArchRule onlyTheJobQueueConfigurationKnowsDbScheduler = noClasses().that()
		.resideOutsideOfPackages("io.assay.assessment", "io.assay.notification")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("com.github.kagkarlsson..");

	@ArchTest
	static final ArchRule controllersDoNotTalkToTheDatabase = noClasses().that()
		.resideInAPackage("..web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.jdbc..", "java.sql..");

	@ArchTest
	static final ArchRule nothingButIdentityKnowsHowPasswordsAreHashed = noClasses().that()
		.resideOutsideOfPackage("io.assay.identity..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.security.crypto..", "org.bouncycastle..");

}
