package io.assay.assessment;

import java.io.IOException;

import io.assay.StandInMessagesApi;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole engine with an OpenAI-compatible chat completions endpoint. */
class OpenAiEngineIntegrationTest extends WholeEngineTestBase {

	private static final StandInMessagesApi OPENAI = start();

	private static StandInMessagesApi start() {
		try {
			return new StandInMessagesApi("/v1/chat/completions");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void openai(DynamicPropertyRegistry registry) {
		configureJudge(registry, "openai", "openai", OPENAI.baseUrl() + "/v1", "gpt-test");
	}

	@AfterAll
	static void stop() {
		OPENAI.close();
	}

	@Override
	StandInMessagesApi standIn() {
		return OPENAI;
	}

	@Override
	String verdict(String verdict, String confidence, String documentId, int page, String quote) {
		return StandInMessagesApi.chatCompletion("""
				{"verdict":"%s","confidence":"%s","reasoning":"Checked the passages.",
				 "evidence":[{"document_id":"%s","page":%d,"quote":"%s"}]}
				""".formatted(verdict, confidence, documentId, page, quote));
	}

	@Override
	String malformed() {
		return StandInMessagesApi.chatCompletion("I think it passes, mostly.");
	}

	@Override
	int overloaded() {
		return 503;
	}

}
