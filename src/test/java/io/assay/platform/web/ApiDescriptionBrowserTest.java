package io.assay.platform.web;

import io.assay.Api.SignedUp;
import io.assay.Browser;
import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a newcomer meets it: the description names fields exactly as the API writes
 * them, and Swagger UI's "Try it out" works from a signed-in browser, with its session or
 * with a bearer token given to "Authorize".
 */
class ApiDescriptionBrowserTest extends IntegrationTest {

	@Test
	void schemasAreSnakeCaseAsTheApiAnswers() {
		JsonNode schemas = this.api.get("/v3/api-docs", null).expect(200).json().at("/components/schemas");

		assertThat(schemas.at("/SignupRequest/properties").propertyNames()).contains("organization_name")
			.doesNotContain("organizationName");
		assertThat(schemas.at("/User/properties").propertyNames()).contains("organization_id", "is_active",
				"last_login_at");
	}

	@Test
	void tryItOutWorksWithTheBrowserSessionAndWithABearerToken() {
		SignedUp admin = this.api.signUp("Swagger body");
		try (Browser browser = Browser.open(this.api.base())) {
			browser.signIn(admin.email(), admin.password());
			browser.go("/swagger-ui.html");

			assertThat(create(browser, "{\"name\": \"from the session\"}")).isEqualTo("201");

			browser.find("button.authorize").click();
			browser.waitFor(d -> browser.find(".auth-container input")).sendKeys(admin.token());
			browser.find(".auth-container button[type=submit]").click();
			browser.find("button.btn-done").click();
			browser.driver().manage().deleteAllCookies();
			assertThat(create(browser, "{\"name\": \"from a bearer token\"}")).isEqualTo("201");
		}
		JsonNode tokens = this.api.get("/v1/api-tokens", admin.token()).expect(200).json();
		assertThat(tokens.findValuesAsString("name")).contains("from the session", "from a bearer token");
	}

	/**
	 * Runs POST /v1/api-tokens in Swagger UI with this body; answers the status shown.
	 */
	private static String create(Browser browser, String body) {
		WebElement operation = browser.waitFor(d -> d
			.findElement(By.xpath("//div[contains(@class,'opblock-post')][.//*[@data-path='/v1/api-tokens']]")));
		if (operation.findElements(By.cssSelector(".opblock-body")).isEmpty()) {
			operation.findElement(By.cssSelector(".opblock-summary")).click();
		}
		browser.waitFor(d -> operation.findElements(By.cssSelector(".try-out__btn")).size() > 0);
		WebElement tryOut = operation.findElement(By.cssSelector(".try-out__btn"));
		if (tryOut.getText().contains("Try it out")) {
			tryOut.click();
		}
		WebElement text = browser.waitFor(d -> operation.findElement(By.cssSelector("textarea.body-param__text")));
		text.clear();
		text.sendKeys(body);
		operation.findElement(By.cssSelector("button.execute")).click();
		return browser.waitFor(d -> {
			var cells = operation.findElements(By.cssSelector(".live-responses-table tbody .response-col_status"));
			return cells.isEmpty() || cells.get(0).getText().isBlank() ? null : cells.get(0).getText().strip();
		});
	}

}
