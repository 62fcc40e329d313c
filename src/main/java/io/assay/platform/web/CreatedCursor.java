package io.assay.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;

/**
 * Where a page of a list newest first ended: the last item's creation time (to the
 * microsecond, as PostgreSQL keeps it) and id, which breaks ties. Opaque to clients:
 * URL-safe base64.
 */
public record CreatedCursor(Instant createdAt, UUID id) {

	public String write() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.createdAt);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + "/" + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @return null for the first page (no cursor, or an empty one)
	 * @throws InvalidInputException for anything this list did not give out
	 */
	public static @Nullable CreatedCursor read(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/", -1);
			if (parts.length != 2) {
				throw new IllegalArgumentException("not two parts");
			}
			return new CreatedCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
					UUID.fromString(parts[1]));
		}
		catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException ex) {
			throw InvalidInputException.of("cursor", Wording.of("page.cursor"));
		}
	}

}
