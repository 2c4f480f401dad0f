package com.cloudmusic.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.local.LocalRunner;
import com.cloudmusic.local.RunnerClient;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Running out and paying, in a real browser against the local runner and its Checkout simulator (no
 * STRIPE_SECRET_KEY is set, so Pay sends a signed checkout.session.completed to the real webhook route).
 */
class PaywallBrowserIT extends BrowserSession {

    @Test
    void fifthGenerationOfTheDay_opensThePaywall_withPacksAndTheResetTime() {
        page.open();
        page.byId("duration").sendKeys(Keys.HOME);
        for (int made = 1; made <= 4; made++) {
            page.generate();
            page.awaitReady();
            int left = 4 - made;
            page.waitUntil(WebAppPage.UI, "the allowance to show " + left + " left", () -> page.quotaFree() == left);
        }

        page.generate();

        page.waitUntil(WebAppPage.UI, "the paywall to open", this::paywallOpen);
        page.waitUntil(WebAppPage.UI, "the packs to be listed", () -> !page.all("#packs button[data-pack]").isEmpty());
        WebElement buy = page.one("#packs button[data-pack=credits-40]");
        assertThat(buy.findElement(org.openqa.selenium.By.xpath("..")).getText()).contains("40 loops").contains("$4.00");
        JsonNode quota = api.quota();
        assertThat(page.byId("paywall-resets").getAttribute("datetime")).isEqualTo(quota.at("/resetsAt").asText());
        assertThat(page.text("paywall-resets")).isNotBlank().isNotEqualTo("at midnight UTC");
        assertThat(page.js("return document.getElementById('paywall').contains(document.activeElement);")).isEqualTo(true);
        assertThat(page.byId("error").getAttribute("data-code")).isEqualTo("quota_exhausted");
        assertThat(page.quotaFree()).isZero();
        chromium.screenshot("08-paywall");
        chromium.phoneScreenshot("08-paywall");

        // Escape closes it and gives the focus back to where it was.
        chromium.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        page.waitUntil(WebAppPage.UI, "the paywall to close", () -> !paywallOpen());
        assertThat(page.js("return document.activeElement.id;")).isEqualTo("generate");
    }

    @Test
    void buyingThroughTheSimulator_showsTheCreditsAndWalletKey_andTheNextGenerationSpendsACredit() {
        useUpTheFreeAllowance();
        page.open();
        page.byId("duration").sendKeys(Keys.HOME);
        assertThat(page.quotaFree()).isZero();
        page.generate();
        page.waitUntil(WebAppPage.UI, "the paywall to open", this::paywallOpen);
        page.waitUntil(WebAppPage.UI, "the packs to be listed", () -> !page.all("#packs button[data-pack]").isEmpty());

        page.one("#packs button[data-pack=credits-40]").click();

        page.waitUntil(WebAppPage.UI, "the checkout page",
                () -> URI.create(chromium.driver().getCurrentUrl()).getPath().startsWith("/local/checkout/cs_"));
        String walletKey = (String) page.js("return localStorage.getItem('cloudmusic.walletKey');");
        assertThat(walletKey).as("saved before leaving for Checkout").matches("[A-Za-z0-9_-]{22,}");
        assertThat(page.text("credits")).isEqualTo("40");
        chromium.screenshot("09-checkout-simulator");

        page.byId("pay").click();

        page.waitUntil(WebAppPage.UI, "the payment to be confirmed on the page",
                () -> page.all("#purchase").stream().anyMatch(p -> p.isDisplayed() && p.getText().startsWith("Payment received")));
        assertThat(page.text("purchase")).isEqualTo("Payment received: 40 credits are in your wallet.");
        assertThat(page.byId("purchase").getAttribute("data-tone")).isEqualTo("ok");
        page.waitUntil(WebAppPage.UI, "the credits to show", () -> page.quotaCredits() == 40);
        assertThat(page.text("wallet-key")).isEqualTo(walletKey);
        assertThat(page.byId("wallet-copy").isDisplayed()).isTrue();
        assertThat(URI.create(chromium.driver().getCurrentUrl()).getQuery()).as("the return parameters are dropped").isNull();
        chromium.screenshot("10-purchase-paid");
        chromium.phoneScreenshot("10-purchase-paid");

        page.byId("duration").sendKeys(Keys.HOME);
        page.generate();
        page.awaitReady();

        page.waitUntil(WebAppPage.UI, "a credit to be spent", () -> page.quotaCredits() == 39);
        assertThat(page.quotaFree()).isZero();
        JsonNode quota = RunnerClient.json(api.get("/v1/quota", Map.of("X-Wallet-Key", walletKey)));
        assertThat(quota.at("/credits").asInt()).isEqualTo(39);
        assertThat(quota.at("/freeRemaining").asInt()).isZero();
        chromium.screenshot("11-generated-with-a-credit");
    }

    private boolean paywallOpen() {
        return Boolean.TRUE.equals(page.js("return document.getElementById('paywall').open;"));
    }

    /** Four generations through the API as this browser's caller, each awaited (at most 3 may be in flight). */
    private void useUpTheFreeAllowance() {
        for (int i = 0; i < 4; i++) {
            String id = api.requestTrack(RunnerClient.GUIDED);
            api.awaitTrack(id, status -> status.equals("ready") || status.equals("failed"), WebAppPage.GENERATION);
        }
        assertThat(api.quota().at("/freeRemaining").asInt()).isZero();
    }
}
