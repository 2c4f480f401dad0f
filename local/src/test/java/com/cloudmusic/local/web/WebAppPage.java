package com.cloudmusic.local.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web app as a test sees it: the element ids listed at the top of app.js, and waits on the page's states. */
final class WebAppPage {

    /** A generation on the local runner takes about a second; the bound only stops a hung test. */
    static final Duration GENERATION = Duration.ofSeconds(60);
    static final Duration UI = Duration.ofSeconds(15);
    private static final Set<String> SETTLED = Set.of("ready", "failed", "error");

    private final WebDriver driver;
    private final URI site;

    WebAppPage(WebDriver driver, URI site) {
        this.driver = driver;
        this.site = site;
    }

    /** Loads the page and waits until it has shown the caller's allowance. */
    WebAppPage open() {
        return open("/");
    }

    WebAppPage open(String pathAndQuery) {
        driver.get(site.resolve(pathAndQuery).toString());
        waitUntil(UI, "the allowance to be shown", () -> text("quota-free").matches("\\d+"));
        return this;
    }

    /** Whether anything called alert() on this page (HeadlessChromium replaces it before the page's scripts). */
    boolean alerted() {
        return Boolean.TRUE.equals(js("return window.__alerted === true;"));
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText().trim();
    }

    /** textContent, exactly as the page set it (getText() would apply CSS and trim). */
    String textContent(WebElement element) {
        return (String) js("return arguments[0].textContent;", element);
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String status() {
        return byId("status").getAttribute("data-state");
    }

    /** Clicks the visible card of a loop type (the label; the radio input itself is visually hidden). */
    void chooseType(String type) {
        one("label[for=type-" + type + "]").click();
    }

    void generate() {
        byId("generate").click();
    }

    /** Waits until the job the page reports on has settled, and fails with the page's words unless it is ready. */
    String awaitReady() {
        waitUntil(GENERATION, "the loop to be ready", () -> SETTLED.contains(status()));
        if (!status().equals("ready")) {
            throw new AssertionError("expected a ready loop, the page says " + status() + ": " + text("status-text")
                    + (byId("error").isDisplayed() ? " / " + text("error") : ""));
        }
        waitUntil(UI, "the result to show", () -> byId("result").isDisplayed());
        return byId("result").getAttribute("data-track-id");
    }

    int quotaFree() {
        return Integer.parseInt(text("quota-free"));
    }

    int quotaCredits() {
        return Integer.parseInt(text("quota-credits"));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    void waitUntil(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, timeout)
                .withMessage(() -> "waiting for " + what)
                .until(d -> condition.getAsBoolean());
    }
}
