package org.mconnectevents.emulator.support;

import org.mconnectevents.emulator.Emulator;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's {@code chromium}, headless, driven through {@code /usr/bin/chromedriver} (both paths given, so Selenium
 * Manager never looks for a driver on the network), with a fresh profile folder, on the emulator's web console.
 * CI installs both packages when they are missing ({@code .ci/run}).
 */
public final class ConsoleBrowser implements AutoCloseable {

    /** Where the tests save what a person would see, one PNG per view. */
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final Emulator emulator;
    private final Path profile;
    private final ChromeDriver driver;

    private ConsoleBrowser(Emulator emulator, Path profile, ChromeDriver driver) {
        this.emulator = emulator;
        this.profile = profile;
        this.driver = driver;
    }

    public static ConsoleBrowser start(Emulator emulator) {
        Path profile;
        try {
            profile = Files.createTempDirectory("console-browser-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile folder", e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + profile, "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(emulator, profile, driver);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads the console on a view ({@code overview}, {@code consumers}, {@code events}...). */
    public void open(String view) {
        driver.get(emulator.consoleAddress() + "#" + view);
    }

    /** Switches view as a person does, through the navigation bar. */
    public void navigate(String view) {
        driver.findElement(By.cssSelector("nav a[href='#" + view + "']")).click();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the element, or "" when there is none (yet). */
    public String text(String css) {
        List<WebElement> found = findAll(css);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    /** The browser's log entries at SEVERE (JavaScript errors, failed requests) since the last call. */
    public List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Asserts that the browser logged no error since the last call. */
    public void assertNoErrors() {
        assertThat(errors()).as("errors in the browser's log").isEmpty();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the browser profile " + profile, e);
            }
        }
    }
}
