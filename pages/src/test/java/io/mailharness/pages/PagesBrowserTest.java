package io.mailharness.pages;

import io.mailharness.files.AtomicFiles;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the generated pages in a real headless Chromium (see {@link HeadlessChromium}), from file:// with
 * no network: no console error, a clicked cell shows its transcript, the filters and the percentile picker
 * work. Writes a screenshot of each page to {@code target/screenshots/}. Without the browser every test
 * here is reported as skipped, with the reason.
 */
class PagesBrowserTest {
    @TempDir
    static Path dir;
    private static HeadlessChromium chromium;
    private ChromeDriver driver;

    @BeforeEach
    void browser() throws IOException {
        HeadlessChromium.assumeAvailable();
        if (chromium == null) chromium = HeadlessChromium.start(dir.resolve("chromium-profile"));
        driver = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) chromium.close();
    }

    @Test
    void matrixCellOpensItsEscapedTranscriptAndFiltersHideRows() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("small/" + MatrixPage.FILE_NAME), MatrixPage.render(ComparisonFixtures.matrix()));
        chromium.open(page);
        chromium.assertNoConsoleErrors();
        WebElement panel = driver.findElement(By.id("panel"));
        assertFalse(panel.isDisplayed());
        assertEquals(6, chromium.visibleRows());

        driver.findElement(By.cssSelector("button[data-detail='d-3-1']")).click();
        WebElement transcript = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-3-1 pre.transcript")));
        assertTrue(transcript.getText().contains("C: MAIL FROM:<a&b@example.org>\\r\nS: 250 ok </script><b>bold</b>\\rC: DATA"), transcript.getText());
        assertTrue(driver.findElements(By.cssSelector("#d-3-1 pre.transcript *")).isEmpty(), "the transcript's markup stays text");
        assertFalse(driver.findElement(By.id("d-3-0")).isDisplayed(), "only the clicked cell's detail is shown");

        driver.findElement(By.cssSelector("button[data-detail='d-0-2']")).click();
        assertTrue(driver.findElement(By.cssSelector("#d-0-2 pre.reason")).getText().contains("start failed: port 2525 <busy> & refused"));
        assertFalse(driver.findElement(By.id("d-3-1")).isDisplayed());
        driver.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        chromium.waiting().until(ExpectedConditions.invisibilityOf(panel));

        driver.findElement(By.id("only-differing")).click();
        assertEquals(2, chromium.visibleRows());
        assertEquals("2 of 6 checks shown", driver.findElement(By.id("shown-count")).getText());
        driver.findElement(By.id("only-differing")).click();
        driver.findElement(By.cssSelector("input[name='level'][value='MUST']")).click();
        assertEquals(3, chromium.visibleRows(), "SHOULD, MAY and INFO rows remain");
        driver.findElement(By.cssSelector("input[name='tag'][value='mutates-mailbox']")).click();
        assertEquals(2, chromium.visibleRows(), "the 8BITMIME row is tagged mutates-mailbox");
        driver.findElement(By.id("find")).sendKeys("vrfy", Keys.ENTER);
        assertEquals(1, chromium.visibleRows(), "free text finds the VRFY row; Enter does not submit the filters");
        assertTrue(driver.getCurrentUrl().startsWith(page.toUri().toString()), driver.getCurrentUrl());
        chromium.assertNoConsoleErrors();
    }

    @Test
    void aCellsAddressOpensItsDetail() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("permalink/" + MatrixPage.FILE_NAME), MatrixPage.render(ComparisonFixtures.matrix()));
        chromium.open(page);
        driver.findElement(By.cssSelector("button[data-detail='d-4-0']")).click();
        assertTrue(driver.getCurrentUrl().endsWith("#d-4-0"), driver.getCurrentUrl());
        driver.get("about:blank");
        driver.get(page.toUri() + "#d-3-1");
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-3-1 pre.transcript")));
        assertTrue(driver.findElement(By.cssSelector("button[data-detail='d-3-1']")).getAttribute("class").contains("selected"));
        chromium.assertNoConsoleErrors();
    }

    @Test
    void matrixHeaderAndFirstColumnStayInViewWhenScrolling() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("showcase/" + MatrixPage.FILE_NAME), MatrixPage.render(ShowcaseFixtures.matrix()));
        chromium.open(page);
        chromium.assertNoConsoleErrors();
        chromium.screenshot("conformance-matrix.png");
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
        WebElement transcript = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + fail.getAttribute("data-detail") + " pre.transcript")));
        assertTrue(transcript.getText().contains("S: 250-mx Hello <harness.test> & welcome\\r\\n"), transcript.getText());
        chromium.screenshot("conformance-matrix-detail.png");
        chromium.assertNoConsoleErrors();
    }

    @Test
    void aRunsOwnPageHasTheMatrixFiltersAndTranscriptsInOneColumn() throws IOException {
        Path page = ConformanceRunPage.write(ComparisonFixtures.run("exim", Outcome.FAIL, Outcome.PASS), dir.resolve("run"));
        chromium.open(page);
        chromium.assertNoConsoleErrors();
        assertTrue(driver.findElement(By.id("run-summary")).getText().contains("Result: FAILED"));
        assertEquals(1, driver.findElements(By.cssSelector("th.server")).size());
        assertTrue(driver.findElements(By.id("only-differing")).isEmpty(), "one server: nothing can differ");
        assertEquals(6, chromium.visibleRows());

        driver.findElement(By.cssSelector("button[data-detail='d-3-0']")).click();
        WebElement transcript = chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#d-3-0 pre.transcript")));
        assertTrue(transcript.getText().contains("S: 250 ok </script><b>bold</b>\\rC: DATA"), transcript.getText());
        assertTrue(driver.findElements(By.cssSelector("#d-3-0 pre.transcript *")).isEmpty(), "the transcript's markup stays text");
        chromium.screenshot("conformance-run-detail.png");
        driver.findElement(By.id("panel-close")).click();

        driver.findElement(By.cssSelector("input[name='level'][value='MUST']")).click();
        assertEquals(3, chromium.visibleRows());
        driver.findElement(By.cssSelector("input[name='tag'][value='anti-abuse']")).click();
        assertEquals(2, chromium.visibleRows(), "the VRFY row is tagged anti-abuse");
        assertEquals("2 of 6 checks shown", driver.findElement(By.id("shown-count")).getText());
        chromium.assertNoConsoleErrors();
    }

    @Test
    void loadComparisonShowsChartsAndSwitchesPercentiles() throws IOException {
        Path page = AtomicFiles.write(dir.resolve("showcase/" + LoadComparisonPage.FILE_NAME), LoadComparisonPage.render(ShowcaseFixtures.load()));
        chromium.open(page);
        chromium.assertNoConsoleErrors();
        assertTrue(driver.findElement(By.id("latency-p95")).isDisplayed());
        assertFalse(driver.findElement(By.id("latency-p99")).isDisplayed());
        driver.findElement(By.cssSelector("input[name='percentile'][value='p99']")).click();
        chromium.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("latency-p99")));
        assertFalse(driver.findElement(By.id("latency-p95")).isDisplayed());
        assertTrue(driver.findElement(By.cssSelector(".overloaded-warning")).getText().contains("opensmtpd-popa3d"));
        assertTrue(driver.findElement(By.cssSelector("#ledger-table td.lost.alarm")).isDisplayed());
        driver.findElement(By.cssSelector("input[name='percentile'][value='p95']")).click();
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("load-comparison.png");
        long height = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1440, (int) Math.min(Math.max(height + 120, 900), 6000)));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("load-comparison-full.png");
        driver.manage().window().setSize(new Dimension(1440, 900));
        chromium.assertNoConsoleErrors();
    }
}
