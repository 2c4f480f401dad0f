package com.cloudmusic.local.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both from the system's packages, so
 * nothing is downloaded at run time (Selenium Manager is never asked). One browser per test class; each
 * test becomes a caller of its own through {@link #newCaller}.
 *
 * <p>Test classes carry {@code @ExtendWith(RequiresChromium.class)}: skipped with the install command
 * where no browser is installed, failed in CI.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String INSTALL = "sudo apt-get install -y chromium chromium-driver";
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(360, 780);
    /** Where the reviewer finds a picture of every state the tests reach. */
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    /**
     * Selenium looks for a DevTools binding matching the browser's version and warns when there is none; the
     * tests use only the version-independent executeCdpCommand, so the warning is noise. Held so the setting
     * is not garbage-collected with the logger.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private final ChromeDriver driver;
    private final Path profile;
    private String userAgent;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser tests cannot run here, with the command that fixes it; empty when they can. */
    static Optional<String> missing() {
        List<String> missing = Stream.of(binary(), chromedriver()).filter(p -> !Files.isExecutable(p))
                .map(Path::toString).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("Browser tests need Chromium and chromedriver; not found: "
                + String.join(", ", missing) + ". Install them with: " + INSTALL
                + " (or point CHROMIUM_BINARY and CHROMEDRIVER at them).");
    }

    private static Path binary() {
        return location("CHROMIUM_BINARY", "/usr/bin/chromium");
    }

    private static Path chromedriver() {
        return location("CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    /** Starts the browser; test classes check {@link #missing} first through {@link RequiresChromium}. */
    static HeadlessChromium start() {
        Path binary = binary();
        Path chromedriver = chromedriver();
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        // Selenium Manager would otherwise look for (and download) a driver and a browser.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());

        Path profile = Paths.get("target", "chromium-profiles", UUID.randomUUID().toString()).toAbsolutePath();
        try {
            Files.createDirectories(profile);
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--lang=en-US",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withSilent(true)
                // Chromium (through dconf) would otherwise write under the home folder.
                .withEnvironment(Map.of("XDG_CONFIG_HOME", profile.resolve("config").toString(),
                        "XDG_CACHE_HOME", profile.resolve("cache").toString()))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // Before any script of any page runs: an alert() smuggled into a page leaves a mark instead of a dialog.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__alerted = false; window.alert = function () { window.__alerted = true; };"));
        return new HeadlessChromium(driver, profile);
    }

    private static Path location(String variable, String fallback) {
        return Paths.get(Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).orElse(fallback));
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Makes the browser a new anonymous caller of the runner: a User-Agent of its own (so a fingerprint and a
     * free allowance of its own) and no stored wallet key. Returns the User-Agent, so a plain HTTP client can
     * act as the same caller.
     */
    String newCaller(URI site) {
        userAgent = "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome CloudMusic-BrowserIT/" + UUID.randomUUID();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent));
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of(
                "origin", site.getScheme() + "://" + site.getAuthority(), "storageTypes", "all"));
        driver.manage().window().setSize(DESKTOP);
        return userAgent;
    }

    String userAgent() {
        return userAgent;
    }

    /** The whole page at desktop width, as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        return capture(name);
    }

    /** The whole page as a phone shows it (a 360 CSS pixel wide mobile viewport), as {@code <name>-phone.png}. */
    Path phoneScreenshot(String name) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", PHONE.width, "height", PHONE.height, "deviceScaleFactor", 1, "mobile", true));
        try {
            return capture(name + "-phone");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * The whole page from the top, beyond the viewport, as DevTools' "full size screenshot" does; with a
     * modal dialog open, the viewport as the user sees it.
     */
    private Path capture(String name) {
        boolean modal = Boolean.TRUE.equals(driver.executeScript(
                "return document.querySelector('dialog[open]') !== null;"));
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("format", "png"));
        Object scrolled = null;
        if (!modal) {
            scrolled = driver.executeScript("const at = [scrollX, scrollY]; scrollTo(0, 0); return at;");
            Map<?, ?> size = (Map<?, ?>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
            parameters.put("captureBeyondViewport", true);
            parameters.put("clip", Map.of("x", 0, "y", 0, "scale", 1,
                    "width", ((Number) size.get("width")).doubleValue(),
                    "height", Math.min(((Number) size.get("height")).doubleValue(), 8000)));
        }
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot", parameters).get("data");
        if (scrolled != null) {
            driver.executeScript("scrollTo(arguments[0][0], arguments[0][1]);", scrolled);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.write(file, Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a profile left under target/ is harmless; mvn clean removes it
        }
    }
}
