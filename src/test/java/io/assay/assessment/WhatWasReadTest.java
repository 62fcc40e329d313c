package io.assay.assessment;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the AI read is said in pages of the criterion's own documents. */
class WhatWasReadTest {

	private static final UUID CONTRACTS = UUID.randomUUID();

	private static final UUID ANNEXES = UUID.randomUUID();

	private final UUID agreement = UUID.randomUUID();

	private final UUID annex = UUID.randomUUID();

	private final List<Assessments.AssessedDocument> documents = List.of(
			new Assessments.AssessedDocument(this.agreement, CONTRACTS, "agreement.pdf", "pdf", 20, "00", List.of(),
					null, java.time.Instant.EPOCH, null),
			new Assessments.AssessedDocument(this.annex, ANNEXES, "annex.pdf", "pdf", 3, "11", List.of(), null,
					java.time.Instant.EPOCH, null));

	@Test
	void pagesReadAreGivenAsRangesPerDocument() {
		var sent = WhatWasRead.pagesSent(new String[] { this.agreement + " 3 1 2 17", this.annex + " 2" });

		WhatWasRead.Read read = WhatWasRead.describe(sent, List.of(), this.documents);
		assertThat(read.sentence()).isEqualTo("Read 5 of 23 pages: agreement.pdf 1\u20133, 17; annex.pdf 2");
		assertThat(read.from()).as("each document with its first page, for the viewer")
			.containsExactly(new Results.ReadFrom(this.agreement, "agreement.pdf", "pdf", 1, "1\u20133, 17"),
					new Results.ReadFrom(this.annex, "annex.pdf", "pdf", 2, "2"));
		assertThat(WhatWasRead.describe(sent, List.of(ANNEXES), this.documents).sentence())
			.as("only the criterion's buckets count")
			.isEqualTo("Read 1 of 3 pages: annex.pdf 2");
	}

	@Test
	void everyPageReadIsSaidSoAndNothingRecordedSaysNothing() {
		var sent = WhatWasRead.pagesSent(new String[] { this.annex + " 1 2 2 3e0" });

		assertThat(WhatWasRead.describe(sent, List.of(ANNEXES), this.documents).sentence())
			.isEqualTo("Read all 3 pages");
		assertThat(WhatWasRead.describe(null, List.of(), this.documents)).isNull();
	}

}
