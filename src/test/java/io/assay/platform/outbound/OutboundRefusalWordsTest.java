package io.assay.platform.outbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.assay.platform.Wording;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every kind of address Assay refuses to send to has words for the refusal. */
class OutboundRefusalWordsTest {

	@Test
	void everyRefusedKindOfAddressIsWorded() throws IOException {
		Matcher refusal = Pattern.compile("return \"(an? [^\"]+ address)\";")
			.matcher(Files.readString(Path.of("src/main/java/io/assay/platform/outbound/OutboundAddresses.java")));
		List<String> refusals = new ArrayList<>();
		while (refusal.find()) {
			refusals.add(refusal.group(1));
		}
		assertThat(refusals).isNotEmpty();
		for (String each : refusals) {
			assertThatCode(() -> Wording.of("url.leads-to." + OutboundAddresses.kind(each), "10.0.0.1")).as(each)
				.doesNotThrowAnyException();
			assertThat(Wording.of("url.leads-to." + OutboundAddresses.kind(each), "10.0.0.1").english())
				.isEqualTo("leads to 10.0.0.1, " + each + ", which Assay does not send requests to");
		}
	}

}
