package io.assay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A real Chromium (Debian's {@code chromium} and {@code chromium-driver}), headless,
 * driving the running service as a person would. Tests wait for conditions with a
 * deadline, never for a fixed time.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final String base;

	private final Map<String, String> requestUrls = new java.util.HashMap<>();

	private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private Browser(ChromeDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/**
	 * Starts Chromium. Where it is not installed the test is skipped with the command
	 * that installs it, except in CI, whose script installs it and where a skip would
	 * hide a gap.
	 */
	public static Browser open(String base) {
		return open(base, false);
	}

	/**
	 * Chromium that records its network traffic, for {@link #bytesReceived(String)}.
	 */
	public static Browser recordingNetwork(String base) {
		return open(base, true);
	}

	private static Browser open(String base, boolean recordNetwork) {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && System.getenv("CI") == null) {
			Assumptions.abort("Browser tests need Debian's Chromium: apt-get install chromium chromium-driver");
		}
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1400,1000", "--lang=en-GB");
		if (recordNetwork) {
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.PERFORMANCE, Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
		}
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, base);
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void go(String path) {
		this.driver.get(this.base + path);
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public String path() {
		return java.net.URI.create(this.driver.getCurrentUrl()).getPath();
	}

	/** Waits for a condition; on time-out the failure shows what the page said. */
	public <T> T waitFor(Function<WebDriver, T> condition) {
		try {
			// A page that reloads (after a review, a sign-off) detaches what was found
			// before.
			return new WebDriverWait(this.driver, Duration.ofSeconds(15))
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(condition);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			String page = this.driver.findElement(By.tagName("body")).getText();
			throw new AssertionError("Timed out on " + this.driver.getCurrentUrl() + "; the page shows:\n" + page, ex);
		}
	}

	public void type(String css, String text) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(text);
	}

	/** Signs in through the login page and waits for the dashboard. */
	public void signIn(String email, String password) {
		this.driver.manage().deleteAllCookies();
		go("/login");
		type("#email", email);
		type("#password", password);
		find("form button[type=submit]").click();
		waitFor(d -> path().equals("/app"));
	}

	/** Saves what the page shows now, for docs/screens. */
	public Path screenshot(String name, int height) {
		return screenshot(name, 1400, height);
	}

	/** Saves what the page shows at this window size, for docs/screens. */
	public Path screenshot(String name, int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
		this.driver.executeScript("document.activeElement.blur(); window.scrollTo(0, 0);");
		try {
			Path directory = Files.createDirectories(Path.of("target", "screens"));
			Path file = directory.resolve(name + ".png");
			Files.write(file, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Presses keys as a person at the keyboard would, on whatever has the focus: no
	 * element is clicked or targeted.
	 */
	public void press(CharSequence... keys) {
		new Actions(this.driver).sendKeys(keys).perform();
	}

	/**
	 * What axe-core (4.10, run in the page) finds against WCAG 2.2 A and AA and best
	 * practice: one line per rule broken, with the elements that break it.
	 */
	public List<String> accessibilityViolations() {
		JavascriptExecutor page = this.driver;
		page.executeScript(axeScript());
		Object found = page.executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						axe.run(document, { resultTypes: ['violations'] })
						  .then(r => done(JSON.stringify(r.violations.map(v =>
						    v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')))))
						  .catch(e => done(JSON.stringify(['axe failed: ' + e.message])));
						""");
		List<String> violations = new java.util.ArrayList<>();
		JSON.readTree(found.toString()).forEach(line -> violations.add(line.asString()));
		return violations;
	}

	/**
	 * What sticks out past the window's right edge (nothing to scroll sideways when
	 * empty): the outermost such elements, as tag, id and classes.
	 */
	public List<String> widerThanTheWindow() {
		Object found = this.driver.executeScript(
				"""
						if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
						const wide = [...document.body.querySelectorAll('*')].filter(e => {
						  const box = e.getBoundingClientRect();
						  return box.width > 0 && box.right > window.innerWidth + 1 && getComputedStyle(e).position !== 'fixed';
						});
						return wide.filter(e => !wide.includes(e.parentElement)).slice(0, 5)
						  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
						    + [...e.classList].map(c => '.' + c).join('') + ' to ' + Math.round(e.getBoundingClientRect().right) + ' px');
						""");
		List<String> elements = new java.util.ArrayList<>();
		if (found instanceof List<?> list) {
			list.forEach(element -> elements.add(String.valueOf(element)));
		}
		return elements;
	}

	/** Sets the window's size, for the narrow and the wide layout. */
	public void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/** What has the keyboard focus now. */
	public WebElement focused() {
		return this.driver.switchTo().activeElement();
	}

	/**
	 * The bytes the browser received, as they came over the network, for requests whose
	 * URL contains {@code urlPart}, since the last call (including requests cancelled
	 * part way). Only for a browser {@link #recordingNetwork(String) recording its
	 * network}.
	 */
	public long bytesReceived(String urlPart) {
		Map<String, String> urls = this.requestUrls;
		long bytes = 0;
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = JSON.readTree(entry.getMessage()).path("message");
			String method = message.path("method").asString("");
			JsonNode params = message.path("params");
			if (method.equals("Network.requestWillBeSent")) {
				urls.put(params.path("requestId").asString(), params.path("request").path("url").asString(""));
			}
			else if (method.equals("Network.dataReceived")
					&& urls.getOrDefault(params.path("requestId").asString(), "").contains(urlPart)) {
				bytes += params.path("encodedDataLength").asLong() > 0 ? params.path("encodedDataLength").asLong()
						: params.path("dataLength").asLong();
			}
		}
		return bytes;
	}

	/** axe-core's script, as the axe-core Selenium artifact ships it; read once. */
	private static volatile String axe;

	private static String axeScript() {
		if (axe == null) {
			try (var in = Browser.class.getResourceAsStream("/axe.min.js")) {
				if (in == null) {
					throw new IllegalStateException("axe.min.js is not on the test class path");
				}
				axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return axe;
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
