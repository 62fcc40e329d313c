package io.assay.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The folder files are worked on in (uploads on their way to storage, page images for
 * OCR, Word layouts): inside the data directory, readable by the service's user only, so
 * that a document's plain bytes never sit in the system's shared temporary folder; and
 * emptied at every start, so that what a crash left there does not stay.
 */
public final class ScratchDirectory {

	private static final Logger log = LoggerFactory.getLogger(ScratchDirectory.class);

	private final Path path;

	private ScratchDirectory(Path path) {
		this.path = path;
	}

	/** The folder, created owner-only if need be, with anything left in it removed. */
	static ScratchDirectory emptied(Path directory) throws IOException {
		Path path = directory.toAbsolutePath().normalize();
		Files.createDirectories(path);
		if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
		}
		int removed = 0;
		try (Stream<Path> leftovers = Files.list(path)) {
			for (Path leftover : leftovers.toList()) {
				FileSystemUtils.deleteRecursively(leftover);
				removed++;
			}
		}
		if (removed > 0) {
			log.info("Removed {} files a previous run left in {}", removed, path);
		}
		return new ScratchDirectory(path);
	}

	public Path path() {
		return this.path;
	}

	/** A new empty file in the folder; the caller deletes it. */
	public Path newFile(String prefix) throws IOException {
		return Files.createTempFile(this.path, prefix, ".bin");
	}

}
