package dev.ripple.local.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real, headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver} (.ci/run installs
 * them), or the binaries named by {@code RIPPLE_CHROMIUM} and {@code RIPPLE_CHROMEDRIVER}. Without them the test fails
 * and says how to get them; Selenium is never left to download a browser.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static HeadlessChromium start() {
        Path browser = find("RIPPLE_CHROMIUM", BROWSERS);
        Path chromedriver = find("RIPPLE_CHROMEDRIVER", DRIVERS);
        var options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--disable-gpu", "--no-first-run", "--proxy-server=direct://", "--proxy-bypass-list=*");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    private static Path find(String variable, List<String> candidates) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("The console's browser tests need Chromium and its driver: on Debian or"
                        + " Ubuntu `apt-get install chromium chromium-driver`; elsewhere set " + variable
                        + " to the binary (looked in " + candidates + ")"));
    }

    WebDriverWait waitUpTo(Duration timeout) {
        // The console redraws its tables as updates come: an element found a moment ago may be gone; look again.
        var wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebDriver driver() {
        return driver;
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
