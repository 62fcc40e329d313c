package io.assay.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload whose process died after writing the object but before committing the row
 * leaves an object nobody references; the sweeper removes it, and only it.
 */
class StoredObjectSweeperIntegrationTest extends IntegrationTest {

	@Test
	void anObjectWhoseUploadNeverCommittedIsRemovedAndAUsedOneKept() throws IOException {
		SignedUp admin = this.api.signUp("Sweeping body");
		String bucket = this.api.oneBucketWorkflow(admin.token(), "W");
		String used = this.api.upload(admin.token(), bucket, "report.pdf", "application/pdf", SampleFiles.testReport())
			.expect(201)
			.json()
			.at("/sha256")
			.asString();
		// What a crash between the write and the commit leaves: a stored object and its
		// pending record, but no document.
		String orphan = "ab".repeat(32);
		DocumentStore store = this.context.getBean(DocumentStore.class);
		Path bytes = Files.createTempFile("orphan", ".pdf");
		Files.write(bytes, SampleFiles.testReport());
		store.put(admin.organizationId() + "/" + orphan, bytes);
		for (String sha : List.of(orphan, used)) {
			this.database.asOwner().sql("""
					insert into pending_store_writes (storage_key, organization_id, sha256, started_at)
					values (?, ?, decode(?, 'hex'), now() - interval '1 hour')
					""").params(admin.organizationId() + "/" + sha, admin.organizationId(), sha).update();
		}

		// The scheduled sweep may get there first; either way the outcome must be the
		// same.
		this.context.getBean(StoredObjectSweeper.class).sweep(Duration.ofMinutes(30));

		assertThat(store.exists(admin.organizationId() + "/" + orphan)).isFalse();
		assertThat(store.exists(admin.organizationId() + "/" + used)).isTrue();
		assertThat(this.database.asOwner()
			.sql("select count(*) from pending_store_writes where organization_id = ?")
			.param(admin.organizationId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCompletedUploadLeavesNoPendingRecord() throws IOException {
		SignedUp admin = this.api.signUp("Tidy body");
		String bucket = this.api.oneBucketWorkflow(admin.token(), "W");

		this.api.upload(admin.token(), bucket, "report.pdf", "application/pdf", SampleFiles.testReport()).expect(201);
		this.api.upload(admin.token(), bucket, "bomb.pdf", "application/pdf", SampleFiles.pageBomb()).expect(422);

		assertThat(this.database.asOwner()
			.sql("select count(*) from pending_store_writes where organization_id = ?")
			.param(admin.organizationId())
			.query(Long.class)
			.single()).isZero();
	}

}
