package com.cloudmusic.local.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.local.RunnerClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * "Make a kit" in a real browser against the local runner: the request (4 units), the four-lane player
 * with solo and mute, looping in sync from one start time, the ZIP download, and the paywall for a
 * caller with fewer than 4 units.
 */
class KitBrowserIT extends BrowserSession {

    private static final Set<String> SETTLED = Set.of("ready", "failed", "error");

    private void makeKit() {
        page.one("label[for=mode-kit]").click();
        page.byId("duration").sendKeys(Keys.HOME);
        page.generate();
        page.waitUntil(WebAppPage.GENERATION, "the kit to settle", () -> SETTLED.contains(page.status()));
    }

    private String lane(String part, String attribute) {
        return page.one("#kit-lanes li[data-part=" + part + "]").getAttribute(attribute);
    }

    private void press(String part, String action) {
        page.one("#kit-lanes li[data-part=" + part + "] button[data-action=" + action + "]").click();
    }

    @Test
    void makeAKit_playsFourLanesInSync_withSoloAndMute_andDownloadsTheZip() {
        page.open();
        page.one("label[for=mode-kit]").click();
        assertThat(page.byId("kit-note").isDisplayed()).isTrue();
        assertThat(page.text("kit-note")).contains("A kit costs 4 units");
        assertThat(page.text("generate")).contains("4 units");
        assertThat(page.one("#guided-panel .cards").isDisplayed()).as("a kit has every loop type").isFalse();

        makeKit();

        assertThat(page.status()).as(page.text("status-text")).isEqualTo("ready");
        page.waitUntil(WebAppPage.UI, "the kit to show", () -> page.byId("kit").isDisplayed());
        String kitId = page.byId("kit").getAttribute("data-kit-id");
        JsonNode kit = RunnerClient.json(api.get("/v1/kits/" + kitId));
        assertThat(kit.at("/status").asText()).isEqualTo("ready");
        assertThat(page.all("#kit-lanes li[data-part]")).extracting(li -> li.getAttribute("data-part"))
                .containsExactly("kick", "bass", "texture", "riser");
        assertThat(page.all("#kit-lanes a[data-action=mid]")).hasSize(4);
        page.waitUntil(WebAppPage.UI, "the allowance to show 0 left", () -> page.quotaFree() == 0);
        page.waitUntil(WebAppPage.UI, "every lane to be decoded",
                () -> "ready".equals(page.byId("kit").getAttribute("data-playback")));
        chromium.screenshot("20-kit");

        page.byId("kit-play").click();
        assertThat(page.byId("kit").getAttribute("data-state")).isEqualTo("playing");
        assertThat(page.byId("kit-play").getAttribute("aria-pressed")).isEqualTo("true");
        for (String part : List.of("kick", "bass", "texture", "riser")) {
            assertThat(lane(part, "data-audible")).isEqualTo("true");
        }

        press("bass", "solo");
        assertThat(lane("bass", "data-audible")).isEqualTo("true");
        assertThat(lane("kick", "data-audible")).isEqualTo("false");
        assertThat(lane("riser", "data-audible")).isEqualTo("false");
        press("kick", "mute");
        press("bass", "solo");
        assertThat(lane("kick", "data-audible")).isEqualTo("false");
        assertThat(lane("bass", "data-audible")).isEqualTo("true");
        assertThat(lane("texture", "data-audible")).isEqualTo("true");
        assertThat(page.one("#kit-lanes li[data-part=kick] button[data-action=mute]").getAttribute("aria-pressed"))
                .isEqualTo("true");

        // Every lane loops the same number of frames (one bar at 120 BPM) from one start time: they stay locked.
        assertThat(page.all("#kit-lanes li[data-part]")).extracting(li -> li.getAttribute("data-frames"))
                .containsOnly("88200");
        @SuppressWarnings("unchecked")
        Map<String, Object> zip = (Map<String, Object>) page.asyncJs("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('kit-zip').href).then(async (r) => {
                  const bytes = new Uint8Array(await r.arrayBuffer());
                  done({status: r.status, type: r.headers.get('content-type'), size: bytes.length,
                        magic: String.fromCharCode(bytes[0], bytes[1])});
                }).catch((e) => done({error: String(e)}));
                """);
        assertThat(zip).containsEntry("status", 200L).containsEntry("magic", "PK");
        assertThat(String.valueOf(zip.get("type"))).contains("zip");
        assertThat(page.byId("kit-zip").getAttribute("download")).isEqualTo(kit.at("/zipFileName").asText());

        page.byId("kit-play").click();
        assertThat(page.byId("kit").getAttribute("data-state")).isEqualTo("stopped");

        // The API lists no kits, so the browser remembers its own: after a reload the kit opens again.
        page.open();
        page.waitUntil(WebAppPage.UI, "the kit to be listed",
                () -> !page.all("#kit-history li[data-kit-id='" + kitId + "'] button[data-action=open]").isEmpty());
        assertThat(page.byId("kit").isDisplayed()).isFalse();
        page.one("#kit-history li[data-kit-id='" + kitId + "'] button[data-action=open]").click();
        page.waitUntil(WebAppPage.UI, "the kit to show again", () -> page.byId("kit").isDisplayed()
                && kitId.equals(page.byId("kit").getAttribute("data-kit-id")));
        assertThat(page.all("#kit-lanes li[data-part]")).hasSize(4);
    }

    @Test
    void aKit_withFewerThanFourUnitsLeft_opensThePaywallSayingAKitCostsFour() {
        String track = api.requestTrack(RunnerClient.GUIDED);
        api.awaitTrack(track, s -> s.equals("ready") || s.equals("failed"), WebAppPage.GENERATION);
        page.open();

        makeKit();

        page.waitUntil(WebAppPage.UI, "the paywall to open",
                () -> Boolean.TRUE.equals(page.js("return document.getElementById('paywall').open;")));
        assertThat(page.byId("error").getAttribute("data-code")).isEqualTo("quota_exhausted");
        WebElement error = page.byId("error");
        assertThat(page.textContent(error)).contains("A kit costs 4 units");
        assertThat(page.textContent(page.byId("paywall-desc"))).contains("a kit").contains("costs 4 units");
        assertThat(page.quotaFree()).isEqualTo(3);
    }
}
