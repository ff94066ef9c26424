package io.agent7.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver ({@code ./agent7 test}
 * installs both). Without them the test fails and says so: it never passes without a browser.
 * Screenshots go to {@code target/console-screenshots/}, from where docs/CONSOLE.md's are copied.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final Duration LOAD = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        for (Path needed : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the console's browser tests need Debian's"
                        + " chromium and chromium-driver (./agent7 test installs them; apt-get install chromium"
                        + " chromium-driver)");
            }
        }
        Path profile = Files.createTempDirectory("agent7-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No network beyond loopback here: without the background-networking flags Chromium
        // keeps trying Google's hosts.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, profile);
    }

    /**
     * Clicks a link or a form's button and returns once the page it leads to has loaded. A
     * click returns as soon as the browser has it, often before the page it was on is gone:
     * looking for an element right after it can find the old page's, or none.
     */
    void follow(WebElement target) {
        WebElement leaving = driver.findElement(By.tagName("html"));
        target.click();
        WebDriverWait wait = new WebDriverWait(driver, LOAD);
        wait.until(ExpectedConditions.stalenessOf(leaving));
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    /** {@link #follow(WebElement)} for the element {@code by} finds. */
    void follow(By by) {
        follow(driver.findElement(by));
    }

    /** Saves what the browser shows as {@code <name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forgets every cookie of every site, the identity provider's included (WebDriver's own
     * call forgets only those the current page sees).
     */
    void forgetCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** What the page wrote to the browser's console (script errors, refused resources), for a failure's message. */
    String consoleLog() {
        StringBuilder out = new StringBuilder();
        driver.manage()
                .logs()
                .get(LogType.BROWSER)
                .forEach(e -> out.append(e.getLevel())
                        .append(' ')
                        .append(e.getMessage())
                        .append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A profile left in /tmp is harmless.
        }
    }
}
