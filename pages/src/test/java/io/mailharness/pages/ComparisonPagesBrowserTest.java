package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the generated pages in a real headless Chromium (Debian's chromium and chromium-driver packages,
 * never a downloaded browser), from file:// with no network: no console error, a clicked cell shows its
 * transcript, the filters and the percentile picker work. Writes a screenshot of each page to
 * {@code target/screenshots/}.
 */
class ComparisonPagesBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    private static ChromeDriverService service;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing; install them with "
                        + "'apt-get update && apt-get install -y chromium chromium-driver' (CI installs them)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1440,900");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 900));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) driver.quit();
        if (service != null) service.stop();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(5));
    }

    private static void open(Path page) {
        driver.get(page.toUri().toString());
        waiting().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertEquals(List.of(), severe.stream().map(LogEntry::getMessage).toList(), "console errors");
    }

    private static Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static long visibleRows() {
        return driver.findElements(By.cssSelector("tr.check")).stream().filter(WebElement::isDisplayed).count();
    }

    @Test
    void matrixCellOpensItsEscapedTranscriptAndFiltersHideRows() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("small/" + MatrixPage.FILE_NAME), MatrixPage.render(ComparisonFixtures.matrix()));
        open(page);
        assertNoConsoleErrors();
        WebElement panel = driver.findElement(By.id("panel"));
        assertFalse(panel.isDisplayed());
        assertEquals(6, visibleRows());

        driver.findElement(By.cssSelector("button[data-detail='d-3-1']")).click();
        WebElement transcript = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-3-1 pre.transcript")));
        assertTrue(transcript.getText().contains("C: MAIL FROM:<a&b@example.org>\\r\nS: 250 ok </script><b>bold</b>\\rC: DATA"), transcript.getText());
        assertTrue(driver.findElements(By.cssSelector("#d-3-1 pre.transcript *")).isEmpty(), "the transcript's markup stays text");
        assertFalse(driver.findElement(By.id("d-3-0")).isDisplayed(), "only the clicked cell's detail is shown");

        driver.findElement(By.cssSelector("button[data-detail='d-0-2']")).click();
        assertTrue(driver.findElement(By.cssSelector("#d-0-2 pre.reason")).getText().contains("start failed: port 2525 <busy> & refused"));
        assertFalse(driver.findElement(By.id("d-3-1")).isDisplayed());
        driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        waiting().until(ExpectedConditions.invisibilityOf(panel));

        driver.findElement(By.id("only-differing")).click();
        assertEquals(2, visibleRows());
        assertEquals("2 of 6 checks shown", driver.findElement(By.id("shown-count")).getText());
        driver.findElement(By.id("only-differing")).click();
        driver.findElement(By.cssSelector("input[name='level'][value='MUST']")).click();
        assertEquals(3, visibleRows(), "SHOULD, MAY and INFO rows remain");
        driver.findElement(By.cssSelector("input[name='tag'][value='mutates-mailbox']")).click();
        assertEquals(2, visibleRows(), "the 8BITMIME row is tagged mutates-mailbox");
        assertNoConsoleErrors();
    }

    @Test
    void aCellsAddressOpensItsDetail() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("permalink/" + MatrixPage.FILE_NAME), MatrixPage.render(ComparisonFixtures.matrix()));
        open(page);
        driver.findElement(By.cssSelector("button[data-detail='d-4-0']")).click();
        assertTrue(driver.getCurrentUrl().endsWith("#d-4-0"), driver.getCurrentUrl());
        driver.get("about:blank");
        driver.get(page.toUri() + "#d-3-1");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-3-1 pre.transcript")));
        assertTrue(driver.findElement(By.cssSelector("button[data-detail='d-3-1']")).getAttribute("class").contains("selected"));
        assertNoConsoleErrors();
    }

    @Test
    void matrixHeaderAndFirstColumnStayInViewWhenScrolling() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("showcase/" + MatrixPage.FILE_NAME), MatrixPage.render(ShowcaseFixtures.matrix()));
        open(page);
        assertNoConsoleErrors();
        screenshot("conformance-matrix.png");
        JavascriptExecutor js = driver;
        Number headerTopBefore = (Number) js.executeScript("return document.querySelector('th.server').getBoundingClientRect().top");
        Number firstColumnLeftBefore = (Number) js.executeScript("return document.querySelector('th.check-name').getBoundingClientRect().left");
        js.executeScript("var w = document.getElementById('matrix-wrap'); w.scrollTop = 300; w.scrollLeft = 200;");
        assertEquals(headerTopBefore.doubleValue(), ((Number) js.executeScript("return document.querySelector('th.server').getBoundingClientRect().top")).doubleValue(), 1.0);
        assertEquals(firstColumnLeftBefore.doubleValue(), ((Number) js.executeScript(
                "return document.querySelectorAll('th.check-name')[12].getBoundingClientRect().left")).doubleValue(), 1.0);
        js.executeScript("var w = document.getElementById('matrix-wrap'); w.scrollTop = 0; w.scrollLeft = 0;");

        WebElement fail = driver.findElements(By.cssSelector("button.cell.o-fail")).getFirst();
        fail.click();
        WebElement transcript = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + fail.getAttribute("data-detail") + " pre.transcript")));
        assertTrue(transcript.getText().contains("S: 250-mx Hello <harness.test> & welcome\\r\\n"), transcript.getText());
        screenshot("conformance-matrix-detail.png");
        assertNoConsoleErrors();
    }

    @Test
    void loadComparisonShowsChartsAndSwitchesPercentiles() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("showcase/" + LoadComparisonPage.FILE_NAME), LoadComparisonPage.render(ShowcaseFixtures.load()));
        open(page);
        assertNoConsoleErrors();
        assertTrue(driver.findElement(By.id("latency-p95")).isDisplayed());
        assertFalse(driver.findElement(By.id("latency-p99")).isDisplayed());
        driver.findElement(By.cssSelector("input[name='percentile'][value='p99']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("latency-p99")));
        assertFalse(driver.findElement(By.id("latency-p95")).isDisplayed());
        assertTrue(driver.findElement(By.cssSelector(".overloaded-warning")).getText().contains("opensmtpd-popa3d"));
        assertTrue(driver.findElement(By.cssSelector("#ledger-table td.lost.alarm")).isDisplayed());
        driver.findElement(By.cssSelector("input[name='percentile'][value='p95']")).click();
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("load-comparison.png");
        long height = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1440, (int) Math.min(Math.max(height + 120, 900), 6000)));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot("load-comparison-full.png");
        driver.manage().window().setSize(new Dimension(1440, 900));
        assertNoConsoleErrors();
    }
}
