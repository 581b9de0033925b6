package io.mailharness.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium for the pages' browser tests: Debian's chromium and chromium-driver packages,
 * never a downloaded browser, opening pages from file:// with no network.
 * <p>
 * Where the browser is missing, each browser test is reported as skipped with the reason, never silently
 * left out; with {@code MAILHARNESS_REQUIRE_BROWSER=1} in the environment (or
 * {@code -Dmailharness.requireBrowser=true}) a missing browser fails them instead, so CI can demand them.
 * {@code -Dmailharness.chromium=PATH} and {@code -Dmailharness.chromedriver=PATH} point at other binaries.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("mailharness.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("mailharness.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static boolean skipReported;

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Why the browser cannot run here, or empty when it can. */
    static Optional<String> missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) return Optional.empty();
        return Optional.of("no browser: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install them with "
                + "'apt-get update && apt-get install -y chromium chromium-driver'");
    }

    static boolean required() {
        return "1".equals(System.getenv("MAILHARNESS_REQUIRE_BROWSER")) || Boolean.getBoolean("mailharness.requireBrowser");
    }

    /** Skips the calling test when the browser is missing, or fails it when the browser is required. */
    static void assumeAvailable() {
        Optional<String> missing = missing();
        if (missing.isEmpty()) return;
        if (required()) fail(missing.get() + " (MAILHARNESS_REQUIRE_BROWSER demands the browser tests)");
        if (!skipReported) {
            skipReported = true;
            System.err.println("Browser tests skipped: " + missing.get() + " (set MAILHARNESS_REQUIRE_BROWSER=1 to make this a failure)");
        }
        assumeTrue(false, "browser test skipped: " + missing.get());
    }

    static HeadlessChromium start(Path profile) throws IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + Files.createDirectories(profile), "--window-size=1440,900");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1440, 900));
            return new HeadlessChromium(service, driver);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(5));
    }

    void open(Path page) {
        driver.get(page.toUri().toString());
        waiting().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), severe.stream().map(LogEntry::getMessage).toList(), "console errors");
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    long visibleRows() {
        return driver.findElements(By.cssSelector("tr.check")).stream().filter(WebElement::isDisplayed).count();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
