package org.complaintledger.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driving the console as a person would: the system's Chromium and its chromedriver (Debian's
 * chromium and chromium-driver), found on the usual paths or named by CHROMIUM_BIN and CHROMEDRIVER_BIN. Nothing is
 * downloaded: a machine without them skips the browser tests (see {@link #find()}).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();

    private final ChromeDriver driver;
    private static final Duration POLL = Duration.ofMillis(50);

    private final WebDriverWait wait;
    private final WebDriverWait refreshing;
    private final URL console;

    record Binaries(Path chromium, Path chromedriver) {}

    private ConsoleBrowser(Binaries binaries, URL console) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries.chromium().toFile());
        // --no-sandbox: CI runs as root, where Chromium refuses its sandbox; the pages are our own
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,900",
                "--lang=en-GB");
        // the page's console and its failed requests ("Failed to load resource: ... 404") are read after each test
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries.chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // headless Chromium drops downloads unless told where to put them
        this.driver.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", DOWNLOADS.toString()));
        // screens are redrawn whole after every step: an element found a moment ago may be gone, so look again.
        // Polled every 50 ms rather than WebDriverWait's default 500 ms: a screen is usually drawn a few milliseconds
        // after the first look, and the default made nearly every step wait half a second; the limit stays 20 s.
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), POLL);
        this.wait.ignoring(StaleElementReferenceException.class);
        // pressing Refresh asks the server again: not more often than a person impatient for the read side would
        this.refreshing = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(250));
        this.refreshing.ignoring(StaleElementReferenceException.class);
        this.console = console;
    }

    static Optional<Binaries> find() {
        Optional<Path> chromium = firstExecutable(
                System.getenv("CHROMIUM_BIN"),
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> driver = firstExecutable(
                System.getenv("CHROMEDRIVER_BIN"), "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        return chromium.isPresent() && driver.isPresent()
                ? Optional.of(new Binaries(chromium.get(), driver.get()))
                : Optional.empty();
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates)
                .filter(c -> c != null && !c.isBlank())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    static ConsoleBrowser open(Binaries binaries, URL console) throws IOException {
        return new ConsoleBrowser(binaries, console);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Goes to a console route ("#/track"); the console draws it from the session stored in the tab. */
    void go(String hash) {
        String target = console + hash;
        if (driver.getCurrentUrl().equals(target)) {
            // the same address is no navigation at all: reload, so that the screen is drawn anew
            driver.navigate().refresh();
        } else {
            driver.get(target);
        }
        waitForScreen();
    }

    /** A screen is drawn when its heading is there and nothing says "loading". */
    void waitForScreen() {
        wait.until(d -> !d.findElements(By.cssSelector("main > h1")).isEmpty()
                && d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    /** Clicks and waits for the screen to be drawn anew (a filter's route), not merely for the old one to stay. */
    void clickAndWaitForRedraw(WebElement element) {
        WebElement before = driver.findElement(By.cssSelector("main > h1"));
        element.click();
        wait.until(ExpectedConditions.stalenessOf(before));
        waitForScreen();
    }

    /** Waits for an element with exactly this text, through redraws. */
    void waitForText(String css, String text) {
        wait.until(d -> d.findElements(By.cssSelector(css)).stream()
                .anyMatch(e -> e.getText().equals(text)));
    }

    /** Waits for the screen with this heading, the old one being redrawn or replaced meanwhile. */
    void waitForHeading(String heading) {
        wait.until(d -> d.findElement(By.cssSelector("main > h1")).getText().equals(heading));
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    WebElement find(String css) {
        return wait.until(
                d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for an element that appears once the read side has caught up, pressing the screen's Refresh meanwhile. */
    WebElement findRefreshing(String css) {
        return refreshing.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (!found.isEmpty()) {
                return found.get(0);
            }
            d.findElements(By.cssSelector("[data-refresh]")).stream()
                    .findFirst()
                    .ifPresent(WebElement::click);
            waitForScreen();
            return null;
        });
    }

    /** The form of one panel, found by its heading's text. */
    WebElement form(String heading) {
        By panel = By.xpath("//section[contains(@class,'panel')][h2[normalize-space()='" + heading + "']]//form");
        return wait.until(d -> d.findElements(panel).stream().findFirst().orElse(null));
    }

    void type(WebElement form, String name, String text) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    void choose(WebElement form, String name, String value) {
        new Select(form.findElement(By.name(name))).selectByValue(value);
    }

    void tick(WebElement form, String labelText) {
        form.findElement(By.xpath(".//label[normalize-space()='" + labelText + "']"))
                .click();
    }

    /**
     * Submits and waits until the console says it is done (its live region), failing with the console's own error
     * box if one shows instead.
     */
    void submit(WebElement form) {
        driver.executeScript("document.getElementById('announcer').textContent = ''");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> {
            List<WebElement> errors = d.findElements(By.cssSelector(".form-errors .alert"));
            if (!errors.isEmpty()) {
                throw new AssertionError(
                        "the console refused the step: " + errors.get(0).getText());
            }
            return !d.findElement(By.id("announcer"))
                    .getDomProperty("textContent")
                    .isEmpty();
        });
        waitForScreen();
    }

    void signIn(String roleValue, String subject, String agency) {
        // a fresh tab's session: the token is kept in sessionStorage only
        driver.get(console + "#/signin");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        go("#/signin");
        WebElement form = find("main section.panel form");
        choose(form, "role", roleValue);
        if (subject != null) {
            type(form, "subject", subject);
        }
        if (agency != null) {
            choose(form, "agency", agency);
        }
        submit(form);
    }

    /** The whole page, not only the window: a phone's form is longer than its screen. */
    void screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>)
                driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fragments of console messages a test provokes on purpose (a refused request it is about); cleared per test. */
    private final List<String> expected = new java.util.ArrayList<>();

    void expectConsoleError(String fragment) {
        expected.add(fragment);
    }

    /**
     * The console's errors and failed requests since the last call, those expected by the test left out: a screen
     * that logs an error or asks for something that is not there fails its test.
     */
    List<String> consoleErrors() {
        List<String> found = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                        || e.getMessage().contains("Failed to load resource"))
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> expected.stream().noneMatch(m::contains))
                .toList();
        expected.clear();
        return found;
    }

    /** Submits a destructive or final step: the console asks once more, and the test says yes. */
    void submitConfirmed(WebElement form) {
        driver.executeScript("document.getElementById('announcer').textContent = ''");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement yes = wait.until(d -> form.findElements(By.cssSelector("[data-confirm-yes]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
        yes.click();
        wait.until(d -> {
            List<WebElement> errors = d.findElements(By.cssSelector(".form-errors .alert"));
            if (!errors.isEmpty()) {
                throw new AssertionError(
                        "the console refused the step: " + errors.get(0).getText());
            }
            return !d.findElement(By.id("announcer"))
                    .getDomProperty("textContent")
                    .isEmpty();
        });
        waitForScreen();
    }

    /** Whether the element's top and bottom are inside the window. */
    boolean inView(WebElement element) {
        return (Boolean) driver.executeScript("""
                const r = arguments[0].getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight;""", element);
    }

    /** Sizes the window like a common phone (CSS pixels), to show the single-column layout. */
    void phone(boolean phone) {
        driver.manage()
                .window()
                .setSize(
                        phone
                                ? new org.openqa.selenium.Dimension(412, 915)
                                : new org.openqa.selenium.Dimension(1280, 900));
    }

    /**
     * Runs axe-core (vendored, src/test/resources/console/axe.min.js) on the page as it stands and answers the
     * violations of impact serious or critical, one line each.
     */
    List<String> seriousAccessibilityViolations() {
        JavascriptExecutor js = driver;
        // the console moves between screens without loading a new document: axe-core stays on the page once sent
        if (!Boolean.TRUE.equals(js.executeScript("return !!(window.axe && window.axe.run)"))) {
            js.executeScript(Axe.SOURCE);
        }
        Object answer = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) answer;
        return violations;
    }

    Object script(String asyncScript) {
        return driver.executeAsyncScript(asyncScript);
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** Read once: 650 KB of script, sent to each page checked. */
    private static final class Axe {
        static final String SOURCE = read();

        private static String read() {
            try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/console/axe.min.js")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
