package com.cloudmusic.local.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.cloudmusic.local.LocalRunner;
import com.cloudmusic.local.RunnerClient;
import com.cloudmusic.loop.LoopType;
import com.cloudmusic.loop.MusicalKey;
import com.cloudmusic.prompt.PromptReader;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Making loops in a real browser against the local runner: guided and advanced generation, a prompt
 * carrying markup, and the whole path with the keyboard alone. Each test is a new caller (its own
 * User-Agent, so its own free allowance) in the one browser of the class.
 */
class GenerationBrowserIT extends BrowserSession {

    @Test
    void guidedGeneration_reachesReady_withAPlayableLoopAndDownloadLinks() {
        page.open();
        chromium.screenshot("01-start");
        chromium.phoneScreenshot("01-start");

        page.chooseType("bass");
        page.byId("duration").sendKeys(Keys.HOME);
        new Select(page.byId("key")).selectByValue("Am");
        page.one("label[for=dark]").click();
        assertThat(page.text("duration-value")).isEqualTo("2 s · 1 bar");
        page.generate();
        String id = page.awaitReady();

        JsonNode track = RunnerClient.json(api.get("/v1/tracks/" + id));
        assertThat(track.at("/status").asText()).isEqualTo("ready");
        assertThat(page.one("#track-info dd[data-fact=type]").getText()).isEqualTo("Bass");
        assertThat(page.one("#track-info dd[data-fact=key]").getText()).isEqualTo("Am");
        assertThat(page.one("#track-info dd[data-fact=bars]").getText()).isEqualTo("1");
        assertThat(page.one("#track-info dd[data-fact=seed]").getText()).isEqualTo(track.at("/seed").asText());
        assertThat(page.quotaFree()).isEqualTo(3);

        // The <audio> element's source goes through the API's redirect to the stored WAV, and plays.
        WebElement audio = page.byId("player-audio");
        String audioUrl = runner.url().resolve("/v1/tracks/" + id + "/audio").toString();
        assertThat(page.js("return arguments[0].src;", audio)).isEqualTo(audioUrl);
        @SuppressWarnings("unchecked")
        Map<String, Object> loaded = (Map<String, Object>) page.asyncJs("""
                const done = arguments[arguments.length - 1];
                const audio = arguments[0];
                const report = (event) => done({event, readyState: audio.readyState, duration: audio.duration,
                    error: audio.error ? audio.error.code : null, canPlayWav: audio.canPlayType('audio/wav')});
                audio.addEventListener('loadedmetadata', () => report('loadedmetadata'), {once: true});
                audio.addEventListener('error', () => report('error'), {once: true});
                audio.preload = 'metadata';
                audio.load();
                """, audio);
        assertThat(loaded).containsEntry("event", "loadedmetadata").containsEntry("error", null);
        assertThat(((Number) loaded.get("readyState")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(loaded.get("canPlayWav")).isNotEqualTo("");
        assertThat(((Number) loaded.get("duration")).doubleValue())
                .isCloseTo(track.at("/durationSeconds").asDouble(), within(0.05));
        page.waitUntil(WebAppPage.UI, "the waveform picture to load",
                () -> Boolean.TRUE.equals(page.js("const i = document.getElementById('waveform');"
                        + " return i.complete && i.naturalWidth > 0;")));

        // The seamless path: the WAV was fetched and decoded for a sample-accurate Web Audio loop.
        page.waitUntil(WebAppPage.UI, "the loop to be decoded",
                () -> !"loading".equals(page.byId("waveform-surface").getAttribute("data-playback")));
        assertThat(page.byId("waveform-surface").getAttribute("data-playback")).isEqualTo("seamless");

        page.byId("play").click();
        assertThat(page.byId("play").getAttribute("aria-pressed")).isEqualTo("true");
        chromium.screenshot("02-guided-ready");
        chromium.phoneScreenshot("02-guided-ready");
        page.byId("play").click();
        assertThat(page.byId("play").getAttribute("aria-pressed")).isEqualTo("false");

        // Download links: the WAV under its DAW-friendly name, and the MP3.
        assertThat(page.byId("download-wav").getAttribute("href")).isEqualTo(audioUrl);
        assertThat(page.byId("download-mp3").getAttribute("href")).isEqualTo(audioUrl + "?format=mp3");
        HttpResponse<String> wav = api.get("/v1/tracks/" + id + "/audio");
        assertThat(wav.statusCode()).isEqualTo(302);
        String stored = wav.headers().firstValue("location").orElseThrow();
        assertThat(URLDecoder.decode(stored, StandardCharsets.UTF_8))
                .contains("filename=\"cloudmusic_bass_120bpm_Am_1bar_" + id.substring(0, 8) + ".wav\"");
        assertThat(new String(RunnerClient.download(URI.create(stored)), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        HttpResponse<String> mp3 = api.get("/v1/tracks/" + id + "/audio?format=mp3");
        assertThat(mp3.statusCode()).isEqualTo(302);
        assertThat(RunnerClient.download(URI.create(mp3.headers().firstValue("location").orElseThrow()))).isNotEmpty();

        // And the loop is in the history with play and download.
        page.waitUntil(WebAppPage.UI, "the loop in the history",
                () -> !page.all("#history li[data-track-id='" + id + "'][data-status=ready]").isEmpty());
        WebElement item = page.one("#history li[data-track-id='" + id + "']");
        assertThat(item.getAttribute("data-status")).isEqualTo("ready");
        assertThat(item.findElement(org.openqa.selenium.By.cssSelector("a[data-action=download]")).getAttribute("href"))
                .isEqualTo(audioUrl);
        assertThat(item.findElements(org.openqa.selenium.By.cssSelector("button[data-action=play]"))).hasSize(1);
    }

    @Test
    void advancedPrompt_showsWhatItReadsWhileTyping_andTheLoopFollowsIt() {
        page.open();
        page.one("label[for=mode-advanced]").click();
        WebElement prompt = page.byId("prompt");
        assertThat(prompt.isDisplayed()).isTrue();

        prompt.sendKeys("Deep house bassline, 122 BPM");
        assertThat(hint("bpm")).isEqualTo("122 BPM");
        assertThat(hint("duration")).isNull();
        assertThat(hint("key")).isNull();
        prompt.sendKeys(", in A minor");
        assertThat(hint("key")).isEqualTo("Am");
        prompt.sendKeys(", 3 seconds");
        assertThat(hint("duration")).isEqualTo("3 s");
        assertThat(hint("type")).isEqualTo("bass");
        String text = "Deep house bassline, 122 BPM, in A minor, 3 seconds";
        assertThat(page.text("prompt-count")).isEqualTo(text.length() + " / 500");
        chromium.screenshot("03-advanced-hints");
        chromium.phoneScreenshot("03-advanced-hints");

        page.generate();
        page.awaitReady();

        assertThat(page.one("#track-info dd[data-fact=bpm]").getText()).isEqualTo("122 BPM");
        assertThat(page.one("#track-info dd[data-fact=key]").getText()).isEqualTo("Am");
        assertThat(page.one("#track-info dd[data-fact=bars]").getText()).isEqualTo("2");
        assertThat(page.textContent(page.byId("track-prompt"))).isEqualTo("“" + text + "”");
        chromium.screenshot("04-advanced-ready");
    }

    @Test
    void promptWithMarkup_isShownAsText_inTheResultAndTheHistory() {
        String text = "Dark techno kick <img src=x onerror=alert(1)> 128 BPM, 2 seconds";
        page.open();
        page.one("label[for=mode-advanced]").click();
        page.byId("prompt").sendKeys(text);
        page.generate();
        String id = page.awaitReady();
        page.waitUntil(WebAppPage.UI, "the loop in the history",
                () -> !page.all("#history li[data-track-id='" + id + "'][data-status=ready]").isEmpty());

        assertThat(page.textContent(page.byId("track-prompt"))).isEqualTo("“" + text + "”");
        assertThat(page.textContent(page.one("#history li[data-track-id='" + id + "'] .h-title"))).isEqualTo(text);
        assertThat(page.all("img[src=x], [onerror]")).isEmpty();
        assertThat(page.alerted()).isFalse();
        chromium.screenshot("05-markup-prompt-as-text");

        // A fresh visit renders the history from the API: still text.
        page.open();
        page.waitUntil(WebAppPage.UI, "the history to load", () -> !page.all("#history li").isEmpty());
        assertThat(page.textContent(page.one("#history li[data-track-id='" + id + "'] .h-title"))).isEqualTo(text);
        assertThat(page.all("img[src=x], [onerror]")).isEmpty();
        assertThat(page.alerted()).isFalse();
    }

    @Test
    void sharedLink_opensThatLoopInThePlayer_forAnotherVisitor() {
        page.open();
        page.chooseType("kick");
        page.generate();
        String id = page.awaitReady();
        newCaller();

        page.open("/?track=" + id);
        page.waitUntil(WebAppPage.UI, "the shared loop to show", () -> byIdShows(id));

        assertThat(page.byId("player-audio").getAttribute("src")).endsWith("/v1/tracks/" + id + "/audio");
        assertThat(page.js("return location.search;")).isEqualTo("");
        chromium.screenshot("09-shared-link");
    }

    @Test
    void sharedLink_toAnUnknownLoop_saysItIsGone() {
        page.open("/?track=3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c");

        page.waitUntil(WebAppPage.UI, "the error to show", () -> page.byId("error").isDisplayed());
        assertThat(page.text("error")).contains("no longer available");
    }

    private boolean byIdShows(String id) {
        return page.byId("result").isDisplayed() && id.equals(page.byId("result").getAttribute("data-track-id"));
    }

    @Test
    void keyboardAlone_choosesALoopTypeAndGenerates() {
        page.open();
        tabUntilFocused("type-kick");
        keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.SPACE);
        assertThat(page.byId("type-texture").isSelected()).isTrue();
        assertThat(page.js("return document.activeElement.id;")).isEqualTo("type-texture");
        // The focused card shows it: the outline is drawn on the card (the radio itself is invisible).
        assertThat(page.js("return getComputedStyle(document.querySelector('label[for=type-texture]')).outlineStyle;"))
                .isEqualTo("solid");
        chromium.screenshot("06-keyboard-card-focus");

        tabUntilFocused("duration");
        keys(Keys.HOME);
        tabUntilFocused("generate");
        keys(Keys.ENTER);
        page.awaitReady();

        assertThat(page.one("#track-info dd[data-fact=type]").getText()).isEqualTo("Texture");
        assertThat(page.quotaFree()).isEqualTo(3);
        assertThat(page.js("return document.activeElement.id;")).as("the focus stays on Generate").isEqualTo("generate");
        chromium.screenshot("07-keyboard-ready");
    }

    /** Prompts in producers' words, edge cases of every rule the hints and the server share. */
    private static final List<String> PROMPTS = List.of(
            "90s hip hop drums", "90s hip hop beat with 808s, 90 BPM, 12 seconds", "80s synthwave pad in A minor",
            "dark techno bass in F# minor 30s", "F# minor pad", "key of Bb major pluck", "tempo: 128 house kick",
            "bpm=100 lo fi keys", "uplifting trance riser 138", "drum and bass kick pattern 174",
            "ambient drone pad in D, 20 seconds", "808 trap bass 8 s", "Deep house bassline, 122 BPM, in A minor, 3 seconds",
            "dubstep wobble bass in Ebm", "boom bap drums 92 in C", "deep house stabs Bbm, 16 bars", "uk garage sub 2 bars",
            "cinematic build-up 10 sec", "dusty vinyl crackle lofi chords 75", "reese bass 172 in G minor",
            "acid 303 line 135", "afro house percussion", "psytrance bass 145 F#m", "amapiano log bass",
            "hardstyle kick 150 BPM duration: 8", "ethereal bells in E flat major", "house music 4:3 ratio, 60s intro",
            "kick at 909 speed", "a loop", "");

    @Test
    void promptHints_readEveryPromptAsTheServerDoes() {
        page.open();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hints = (List<Map<String, Object>>) page.asyncJs("""
                const done = arguments[arguments.length - 1];
                import('/prompt-hints.js').then((m) => done(arguments[0].map((p) => m.readPrompt(p))),
                    (e) => done(String(e)));
                """, PROMPTS);

        assertThat(hints).hasSize(PROMPTS.size());
        for (int i = 0; i < PROMPTS.size(); i++) {
            PromptReader.Reading server = PromptReader.read(PROMPTS.get(i));
            Map<String, Object> hint = hints.get(i);
            assertThat(hint.get("bpm") == null ? null : ((Number) hint.get("bpm")).intValue())
                    .as("bpm of \"%s\"", PROMPTS.get(i)).isEqualTo(server.bpm().orElse(null));
            assertThat(hint.get("duration") == null ? null : ((Number) hint.get("duration")).doubleValue())
                    .as("duration of \"%s\"", PROMPTS.get(i)).isEqualTo(server.durationSeconds().orElse(null));
            assertThat(hint.get("key")).as("key of \"%s\"", PROMPTS.get(i))
                    .isEqualTo(server.key().map(MusicalKey::canonical).orElse(null));
            assertThat(hint.get("type")).as("type of \"%s\"", PROMPTS.get(i))
                    .isEqualTo(server.type().map(LoopType::wireName).orElse(null));
        }
        // The case that started it: a decade is neither a length nor, glued to its s, a tempo of its own.
        assertThat(hints.get(0)).containsEntry("duration", null).containsEntry("bpm", 90L);
    }

    /** The shown value of a prompt hint, or null when the prompt says nothing about it. */
    private String hint(String kind) {
        WebElement chip = page.one("#prompt-hints [data-hint=" + kind + "]");
        return "true".equals(chip.getAttribute("data-found")) ? chip.getAttribute("data-value") : null;
    }

    private void keys(CharSequence... keys) {
        Actions actions = new Actions(chromium.driver());
        for (CharSequence key : keys) {
            actions.sendKeys(key);
        }
        actions.perform();
    }

    /** Presses Tab until the element has focus, as a keyboard user would; fails if it is not reachable. */
    private void tabUntilFocused(String id) {
        for (int presses = 0; presses < 40; presses++) {
            if (id.equals(page.js("return document.activeElement && document.activeElement.id;"))) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("#" + id + " was not reached with 40 presses of Tab");
    }
}
