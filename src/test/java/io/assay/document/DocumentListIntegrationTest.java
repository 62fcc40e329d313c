package io.assay.document;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.assay.Api.SignedUp;
import io.assay.IntegrationTest;
import io.assay.document.SampleFiles.PageText;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/documents?cursor=}: an organisation's documents, or one bucket's, page
 * after page from where the last ended, newest first, ties broken by id, nothing skipped
 * or repeated, no total counted, and only the reader's organisation's documents.
 */
class DocumentListIntegrationTest extends IntegrationTest {

	@Test
	void cursorPagesWalkTheWholeListOnceNewestFirst() throws Exception {
		SignedUp admin = this.api.signUp("Document cursor body " + UUID.randomUUID());
		SignedUp other = this.api.signUp("Other document cursor body " + UUID.randomUUID());
		String bucket = this.api.oneBucketWorkflow(admin.token(), "Listed");
		String otherBucket = this.api.oneBucketWorkflow(admin.token(), "Listed elsewhere");
		for (int i = 0; i < 7; i++) {
			upload(admin, bucket, i);
		}
		upload(admin, otherBucket, 7);
		upload(other, this.api.oneBucketWorkflow(other.token(), "Theirs"), 8);
		// The two last made at the same moment: their ids decide.
		this.database.asOwner().sql("""
				update documents set created_at = timestamptz '2030-01-01'
				 where id in (select id from documents where bucket_id = ? order by created_at desc limit 2)
				""").param(UUID.fromString(bucket)).update();
		List<String> newestFirst = this.database.asOwner()
			.sql("select id::text from documents where bucket_id = ? order by created_at desc, id desc")
			.param(UUID.fromString(bucket))
			.query(String.class)
			.list();

		assertThat(walk(admin, "&bucket_id=" + bucket)).containsExactlyElementsOf(newestFirst);
		assertThat(walk(admin, "")).as("the organisation's, every bucket").hasSize(8);
		assertThat(walk(other, "")).as("the other organisation sees its own").hasSize(1);
		assertThat(walk(other, "&bucket_id=" + bucket)).as("nor another's bucket").isEmpty();
	}

	@Test
	void aCursorItDidNotGiveOutIsRefused() {
		SignedUp admin = this.api.signUp("Bad document cursor body " + UUID.randomUUID());
		assertThat(this.api.get("/v1/documents?cursor=nonsense", admin.token())
			.expect(422)
			.json()
			.at("/errors/0/field")
			.asString()).isEqualTo("cursor");
		assertThat(this.api.get("/v1/documents?cursor=&sort=file_name", admin.token())
			.expect(422)
			.json()
			.at("/errors/0/field")
			.asString()).isEqualTo("sort");
		this.api.get("/v1/documents?cursor=&limit=0", admin.token()).expect(422);
		this.api.get("/v1/documents?cursor=&bucket_id=not-a-uuid", admin.token()).expect(422);
	}

	private List<String> walk(SignedUp reader, String filter) {
		List<String> walked = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = this.api.get("/v1/documents?limit=3&cursor=" + cursor + filter, reader.token())
				.expect(200)
				.json();
			assertThat(page.has("total")).as("no total counted").isFalse();
			page.at("/items").forEach(document -> walked.add(document.at("/id").asString()));
			cursor = page.at("/next_cursor").isNull() ? null : page.at("/next_cursor").asString();
			pages++;
		}
		while (cursor != null && pages < 10);
		return walked;
	}

	private void upload(SignedUp admin, String bucket, int number) throws java.io.IOException {
		byte[] pdf = SampleFiles
			.pdf(List.of(new PageText("Record " + number, List.of("Batch " + number + " released."))));
		this.api.upload(admin.token(), bucket, "record-" + number + ".pdf", "application/pdf", pdf).expect(201);
	}

}
