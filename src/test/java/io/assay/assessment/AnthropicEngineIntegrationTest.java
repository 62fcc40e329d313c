package io.assay.assessment;

import java.io.IOException;

import io.assay.StandInMessagesApi;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole engine with Claude's Messages API, as the official SDK speaks it. */
class AnthropicEngineIntegrationTest extends WholeEngineTestBase {

	private static final StandInMessagesApi ANTHROPIC = start();

	private static StandInMessagesApi start() {
		try {
			return new StandInMessagesApi("/v1/messages");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void anthropic(DynamicPropertyRegistry registry) {
		configureJudge(registry, "anthropic", "anthropic", ANTHROPIC.baseUrl(), "claude-test");
	}

	@AfterAll
	static void stop() {
		ANTHROPIC.close();
	}

	@Override
	StandInMessagesApi standIn() {
		return ANTHROPIC;
	}

	@Override
	String verdict(String verdict, String confidence, String documentId, int page, String quote) {
		return StandInMessagesApi.verdict(verdict, confidence, documentId, page, quote);
	}

	@Override
	String malformed() {
		return """
				{"id":"msg_test","type":"message","role":"assistant","model":"claude-test",
				 "content":[{"type":"tool_use","id":"toolu_1","name":"record_verdict","input":{"confidence":"high"}}],
				 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":1200,"output_tokens":10}}
				""";
	}

	@Override
	int overloaded() {
		return 529;
	}

}
