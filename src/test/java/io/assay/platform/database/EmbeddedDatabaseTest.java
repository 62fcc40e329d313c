package io.assay.platform.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

	@Test
	void whenTheEmbeddedServerCannotStartTheMessageSaysHowToUseAServerInstead(@TempDir Path temp) throws IOException {
		Path notADirectory = Files.writeString(temp.resolve("postgres"), "a file where the data directory should be");

		assertThatThrownBy(() -> EmbeddedDatabase.start(new DatabaseProperties.Embedded(notADirectory, 0)))
			.isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseUnavailableException.class)
			.hasMessageStartingWith("The embedded PostgreSQL could not start in " + notADirectory)
			.hasMessageContaining("ASSAY_DATABASE_URL=jdbc:postgresql://")
			.hasMessageContaining("ASSAY_DATABASE_OWNER_USER")
			.hasMessageContaining("ASSAY_DATABASE_APP_PASSWORD");
	}

}
