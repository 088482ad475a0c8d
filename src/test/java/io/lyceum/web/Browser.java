package io.lyceum.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lyceum.testsupport.Accounts;
import io.lyceum.testsupport.Accounts.SignedIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium with nothing downloaded: the system binary and chromedriver, headless, its own
 * profile, wiped between tests ({@link #close()}). Records what each page cost (server time as the browser saw it, bytes of HTML, CSS and JS) and checks pages
 * with axe-core.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path OUTPUT = Path.of("target", "browser-journeys");

    /** One page load as the browser measured it. */
    record PageLoad(String page, double serverMillis, long htmlBytes, long cssBytes, long jsBytes) {}

    static final List<PageLoad> LOADS = new ArrayList<>();

    final WebDriver driver;
    private final String base;
    private final Path profile;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /**
     * Skips the calling test (one clear line) when this machine has no Chromium. When {@code .ci/run} is installing it
     * beside the build, first waits for the install to end: the file {@code LYCEUM_CHROMIUM_INSTALLING} names exists
     * until then.
     */
    static void assumeChromium() {
        String installing = System.getenv("LYCEUM_CHROMIUM_INSTALLING");
        if (installing != null && !installing.isBlank()) {
            Path pending = Path.of(installing);
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .alias("the install of Chromium that .ci/run began (" + pending + ")")
                    .until(() -> !Files.exists(pending));
        }
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser journeys skipped: no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium"
                        + " chromium-driver)");
    }

    /**
     * A browser with no cookies, storage or history, on the application at {@code port}. Chromium processes are kept
     * between tests (starting one costs a second or two of this machine's two cores): {@link #close()} wipes what the
     * test left and gives it back, and the next test gets a fresh tab in it.
     */
    static Browser open(int port) throws IOException {
        Browser idle = IDLE.poll();
        if (idle != null) {
            return new Browser(idle.driver, "http://localhost:" + port, idle.profile);
        }
        Path profile = Files.createTempDirectory("lyceum-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
                // one renderer for the one site under test, and no new document or cached page kept per navigation:
                // a navigation cost Chromium about 195 ms of CPU with these on, 137 ms with them off (BENCHMARKS.md)
                "--disable-site-isolation-trials",
                "--disable-features=BackForwardCache,RenderDocument,Translate,OptimizationHints,MediaRouter",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=en-GB",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, "http://localhost:" + port, profile);
    }

    private static final int WIDTH = 1280;
    /** The axe-core WebJar's version (pom.xml's axe-core.version). */
    private static final String AXE_VERSION = "4.6.3";

    private static final int HEIGHT = 1000;

    /** Chromium processes between tests, wiped; quit when the test JVM ends. */
    private static final Queue<Browser> IDLE = new ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Browser browser; (browser = IDLE.poll()) != null; ) {
                browser.quit();
            }
        }));
    }

    /**
     * Signs in through the sign-in page. The session cookies of an earlier sign-in in the same test go first (the
     * language and time-zone ones stay): with them the page renews that session and reloads while the fields are
     * being typed.
     */
    void signIn(String email, String password) {
        var chrome = (ChromeDriver) driver;
        for (String cookie : List.of("lyceum_access", "lyceum_refresh", "lyceum_csrf")) {
            // by domain, not URL: the refresh cookie's path is /api/v1/auth
            chrome.executeCdpCommand("Network.deleteCookies", Map.of("name", cookie, "domain", "localhost"));
        }
        go("/signin");
        type("#email", email);
        type("#password", password);
        clickToLoad("form.stack button[type=submit]");
    }

    void signIn(String email) {
        signIn(email, Accounts.PASSWORD);
    }

    void signIn(SignedIn user) {
        signIn(user.email());
    }

    void go(String path) {
        driver.get(base + path);
        measure();
    }

    WebElement find(String css) {
        return waitFor(css);
    }

    /**
     * Waits until the first element the selector matches is visible, by Playwright's rule (a box of some size, and not
     * hidden by CSS; an option by its list's), and returns it. One small script a look, where Selenium's lookup and
     * {@code isDisplayed} were two commands, the second sending its 18 KB visibility script through chromedriver.
     */
    WebElement waitFor(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage(() -> "no visible element matches " + css + " on " + path())
                .until(d -> ((JavascriptExecutor) d).executeScript(VISIBLE, css) instanceof WebElement found
                        ? found
                        : null);
    }

    private static final String VISIBLE = """
            const element = document.querySelector(arguments[0]);
            if (!element) return null;
            // an option has no box of its own: it is as visible as its list (WebDriver's rule too)
            const shown = element.closest('select') || element;
            const box = shown.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && shown.checkVisibility({visibilityProperty: true})
                ? element : null;
            """;

    void waitForUrl(String fragment) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(fragment));
    }

    /**
     * Fills a field as a person pasting or an input method would: text fields and text areas get the text in one
     * insertion (the page sees its input events, no key events), as Playwright's {@code fill} does; a key press per
     * character cost Chromium some 8 ms each. Other fields (dates, times, selects) get the keys typed.
     */
    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        // the DOM's type: "text" for an input without one, "textarea" for a text area
        if (TEXT_FIELDS.contains(String.valueOf(field.getDomProperty("type"))) && !text.isEmpty()) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", field);
            ((ChromeDriver) driver).executeCdpCommand("Input.insertText", Map.of("text", text));
        } else {
            field.sendKeys(text);
        }
    }

    /** The fields that take text as typed. */
    private static final Set<String> TEXT_FIELDS =
            Set.of("text", "textarea", "email", "password", "search", "url", "tel", "number");

    /** Clicks something that loads a new page, and measures that page. */
    void clickToLoad(String css) {
        WebElement element = find(css);
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(element));
        waitForReady();
        measure();
    }

    /**
     * Whether the element has left the document (the page it was on is gone). Chromium sometimes answers a look at an
     * element of the page being replaced with an inspector error ("does not belong to the document") instead of a stale
     * reference; both mean the same here.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                return true;
            }
            throw e;
        }
    }

    void waitForReady() {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Waits until an element that updates itself (htmx) shows the text. */
    void waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    String text(String css) {
        return find(css).getText();
    }

    String path() {
        return driver.getCurrentUrl().replace(base, "");
    }

    /** Server time (request start to first byte, loopback) and the bytes of HTML, CSS and JS of the current page. */
    @SuppressWarnings("unchecked")
    void measure() {
        waitForReady();
        var js = (JavascriptExecutor) driver;
        Map<String, Object> nav = (Map<String, Object>) js.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                if (!n) return null;
                const sum = t => performance.getEntriesByType('resource')
                    .filter(r => r.initiatorType === t || (t === 'script' && r.name.endsWith('.js'))
                        || (t === 'link' && r.name.endsWith('.css')))
                    .reduce((a, r) => a + (r.decodedBodySize || 0), 0);
                return {server: n.responseStart - n.requestStart, html: n.decodedBodySize,
                        css: sum('link'), js: sum('script'), path: location.pathname};
                """);
        if (nav == null || !(nav.get("path") instanceof String page) || page.startsWith("/sandbox")) {
            return;
        }
        LOADS.add(new PageLoad(
                pattern(page),
                ((Number) nav.get("server")).doubleValue(),
                ((Number) nav.get("html")).longValue(),
                ((Number) nav.get("css")).longValue(),
                ((Number) nav.get("js")).longValue()));
    }

    /** Ids in a path become placeholders, so loads of one page group together. */
    static String pattern(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}");
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(OUTPUT);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(OUTPUT.resolve(name + ".png"), png);
    }

    /**
     * Runs axe-core in the page and asserts it finds no serious or critical violation. axe-core comes from its WebJar,
     * which the application under test serves at {@code /webjars} as it serves htmx: the page loads it like any of its
     * scripts (the page's own policy allows scripts of its origin), from the browser's cache after the first check,
     * instead of 500 KB of source sent through WebDriver and compiled again for every check.
     */
    @SuppressWarnings("unchecked")
    void assertAccessible() {
        var js = (JavascriptExecutor) driver;
        Object loaded = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                if (window.axe) { done(true); return; }
                const script = document.createElement('script');
                script.src = '/webjars/axe-core/%s/axe.min.js';
                script.onload = () => done(true);
                script.onerror = () => done(false);
                (document.head || document.documentElement).appendChild(script);
                """.formatted(AXE_VERSION));
        assertThat(loaded).as("axe-core loaded from /webjars on " + path()).isEqualTo(true);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))));
                """);
        assertThat(violations)
                .as("serious accessibility violations on " + path())
                .isEmpty();
    }

    /**
     * Wipes what the test left (cookies, storage and cache of every site, its tabs, the window size) and keeps the
     * process for the next test: a new tab replaces the old ones, so session storage and history go too. A browser
     * that cannot be wiped is quit.
     */
    @Override
    public void close() {
        try {
            var chrome = (ChromeDriver) driver;
            String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String handle : driver.getWindowHandles()) {
                if (!handle.equals(fresh)) {
                    driver.switchTo().window(handle).close();
                }
            }
            driver.switchTo().window(fresh);
            chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
            chrome.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            IDLE.add(this);
        } catch (RuntimeException e) {
            quit();
        }
    }

    private void quit() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }
    }
}
