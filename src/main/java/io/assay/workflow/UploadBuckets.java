package io.assay.workflow;

import java.util.UUID;

import io.assay.document.BucketDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the document module which buckets take uploads: current buckets of any workflow.
 */
@Component
class UploadBuckets implements BucketDirectory {

	private final JdbcClient db;

	UploadBuckets(JdbcClient db) {
		this.db = db;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean takesUploads(UUID bucketId) {
		return Boolean.TRUE
			.equals(this.db.sql("select exists (select from buckets where id = ? and retired_in_version is null)")
				.param(bucketId)
				.query(Boolean.class)
				.single());
	}

}
