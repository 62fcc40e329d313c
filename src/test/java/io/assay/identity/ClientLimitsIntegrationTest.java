package io.assay.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.assay.Api;
import io.assay.Api.Response;
import io.assay.Api.SignedUp;
import io.assay.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client limits at their real size, from distinct client addresses on the
 * loopback network: sign-ups, failed logins over many addresses, and share views each
 * stop at their limit with 429 and Retry-After, also when the requests arrive all at
 * once; another client is not held up, and successful logins do not count.
 */
class ClientLimitsIntegrationTest extends IntegrationTestBase {

	@DynamicPropertySource
	static void realLimits(DynamicPropertyRegistry registry) {
		configure(registry, temporaryDirectory());
		registry.add("assay.limits.signup.max", () -> "5");
		registry.add("assay.limits.login.max", () -> "20");
		registry.add("assay.limits.share-view.max", () -> "120");
	}

	@Test
	void thirtySignUpsAtOnceFromOneClientCreateFive() throws Exception {
		Api client = this.api.from("127.0.0.21");
		List<Response> answers = all(30,
				() -> client.post("/v1/signup", null,
						Map.of("organization_name", "Spam body", "email", "spam-" + UUID.randomUUID() + "@example.org",
								"password", "quartz lantern meadow 42", "name", "Spammer")));

		assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(5);
		List<Response> refused = answers.stream().filter(answer -> answer.status() == 429).toList();
		assertThat(refused).hasSize(25).allSatisfy(answer -> {
			assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 3600L);
			assertThat(answer.json().at("/detail").asString())
				.startsWith("Too many sign-ups from your network address. Try again in ");
		});
		this.api.from("127.0.0.22")
			.post("/v1/signup", null,
					Map.of("organization_name", "Honest body", "email", "honest-" + UUID.randomUUID() + "@example.org",
							"password", "quartz lantern meadow 42", "name", "Someone"))
			.expect(201);
	}

	@Test
	void failedLoginsOverManyAddressesFromOneClientAreStopped() throws Exception {
		SignedUp admin = this.api.from("127.0.0.23").signUp("Sprayed body");
		Api sprayer = this.api.from("127.0.0.24");
		List<Response> answers = all(30, () -> sprayer.post("/v1/auth/login", null,
				Map.of("email", "victim-" + UUID.randomUUID() + "@example.org", "password", "Password1234!")));

		assertThat(answers).filteredOn(answer -> answer.status() == 401).hasSize(20);
		assertThat(answers).filteredOn(answer -> answer.status() == 429)
			.hasSize(10)
			.allSatisfy(answer -> assertThat(answer.header("Retry-After")).isNotNull());
		sprayer.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password())).expect(429);

		Api office = this.api.from("127.0.0.25");
		for (int login = 0; login < 30; login++) {
			office.post("/v1/auth/login", null, Map.of("email", admin.email(), "password", admin.password()))
				.expect(200);
		}
	}

	@Test
	void shareViewsFromOneClientAreLimited() throws Exception {
		Api scraper = this.api.from("127.0.0.26");
		List<Response> answers = all(130, () -> scraper.get("/public/reports/guessed-" + UUID.randomUUID(), null));

		assertThat(answers).filteredOn(answer -> answer.status() == 404).hasSize(120);
		assertThat(answers).filteredOn(answer -> answer.status() == 429)
			.hasSize(10)
			.allSatisfy(answer -> assertThat(answer.header("Retry-After")).isNotNull());
		this.api.from("127.0.0.27").get("/public/reports/guessed-" + UUID.randomUUID(), null).expect(404);
	}

	private static List<Response> all(int count, Callable<Response> request) throws Exception {
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(request));
			}
			List<Response> answers = new ArrayList<>();
			for (Future<Response> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
	}

}
