package io.assay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
