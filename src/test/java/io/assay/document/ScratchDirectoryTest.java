package io.assay.document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a crash left in the scratch folder is gone at the next start; no one else reads
 * it.
 */
class ScratchDirectoryTest {

	@TempDir
	Path data;

	@Test
	void leftoversAreSweptAndTheFolderIsTheOwnersAlone() throws Exception {
		Path directory = Files.createDirectories(this.data.resolve("tmp"));
		Files.writeString(directory.resolve("assay-upload-1234.bin"), "a manufacturer's plain bytes");
		Files.createDirectories(directory.resolve("assay-layout-99/profile/user"));
		Files.writeString(directory.resolve("assay-layout-99/document.docx"), "more plain bytes");
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

		ScratchDirectory scratch = ScratchDirectory.emptied(directory);

		try (Stream<Path> left = Files.list(directory)) {
			assertThat(left).isEmpty();
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		Path file = scratch.newFile("assay-upload-");
		assertThat(file.getParent()).isEqualTo(directory.toAbsolutePath());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void aMissingFolderIsCreated() throws Exception {
		ScratchDirectory scratch = ScratchDirectory.emptied(this.data.resolve("new/tmp"));

		assertThat(scratch.path()).isDirectory();
	}

}
