package io.assay.document;

import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * When stored bytes are still needed: some document of the bound organisation has them as
 * its content (not removed under retention). Uploads, deletions, the retention sweep and
 * the abandoned-write sweeper decide by this one rule whether an object may go.
 */
final class StoredContent {

	private StoredContent() {
	}

	/** In the caller's transaction, for the bound organisation. */
	static boolean inUse(JdbcClient db, String sha256) {
		return Boolean.TRUE
			.equals(db.sql("select exists (select from documents where sha256 = ? and content_removed_at is null)")
				.param(HexFormat.of().parseHex(sha256))
				.query(Boolean.class)
				.single());
	}

}
