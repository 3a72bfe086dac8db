package jp.kama.hub.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A staff member's browser on the incident console: Debian's headless Chromium driven through
 * Debian's chromedriver (named explicitly, so Selenium Manager never tries to download a
 * browser), logging in on Keycloak's own login page. Screenshots go to
 * {@code target/console-screenshots/} as test artefacts.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    final ChromeDriver driver;
    private final String consoleUrl;

    ConsoleBrowser(String consoleUrl) {
        this.consoleUrl = consoleUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("kama.chromium", "/usr/bin/chromium"));
        // --no-sandbox: the test may run as root (CI containers), where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=ja");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("kama.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /** Opens the console, which sends the browser to Keycloak; types the user's password there (and a staff user's TOTP code). */
    void logIn(String username, String password) {
        driver.get(consoleUrl);
        WebDriverWait wait = waitUpTo(Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        if (jp.kama.hub.devcard.DevSecondFactor.has(username)) {
            // a staff role: Keycloak's next page asks for the second factor (TOTP)
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("otp")))
                    .sendKeys(jp.kama.hub.devcard.DevSecondFactor.nextCode(username));
            driver.findElement(By.id("kc-login")).click();
        }
        // the console shows the user's name once it holds the tokens (Keycloak's own page has a #main too)
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), username));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main#main.console")));
    }

    WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
