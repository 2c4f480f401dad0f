package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.audio.WavFile;
import com.cloudmusic.loop.LoopSpec;
import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner end to end over real HTTP: the same handlers as on AWS behind the local API Gateway, SQS
 * poller and emulators. Each test calls with its own User-Agent, so each is a caller of its own.
 */
class LocalRunnerIT {

    private static final Duration GENERATION = Duration.ofSeconds(60);
    private static LocalRunner runner;

    @BeforeAll
    static void start() {
        runner = LocalRunner.builder()
                .port(0)
                .environment(Map.of())
                .retryDelay(Duration.ZERO)
                .log(new CapturedLog().log())
                .mount("/local/hello", exchange -> {
                    byte[] body = "hello from a local page".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                })
                .start();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    private static RunnerClient caller() {
        return new RunnerClient(runner.url(), "LocalRunnerIT/" + UUID.randomUUID());
    }

    @Test
    void postedTrack_becomesReady_andItsAudioDownloadsAsTheRequestedBars() {
        RunnerClient client = caller();
        String id = client.requestTrack(
                "{\"mode\":\"guided\",\"params\":{\"type\":\"bass\",\"bpm\":124,\"duration\":8,\"seed\":42}}");

        JsonNode track = client.awaitTrack(id, status -> status.equals("ready") || status.equals("failed"), GENERATION);
        HttpResponse<String> audio = client.get("/v1/tracks/" + id + "/audio");

        assertThat(track.at("/status").asText()).isEqualTo("ready");
        assertThat(audio.statusCode()).isEqualTo(302);
        URI presigned = URI.create(audio.headers().firstValue("location").orElseThrow());
        WavFile wav = WavFile.parse(RunnerClient.download(presigned));
        assertThat(wav.sampleRate()).isEqualTo(44_100);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        assertThat(track.at("/bars").asInt()).isEqualTo(4);
        assertThat(wav.frames()).isEqualTo(LoopSpec.framesFor(124, 4));
    }

    @Test
    void fifthRequestOfTheDay_is402WithRetryAfter() {
        RunnerClient client = caller();
        for (int i = 0; i < 4; i++) {
            String id = client.requestTrack(RunnerClient.GUIDED);
            // Wait for each so the limit of 3 jobs in flight plays no part.
            client.awaitTrack(id, status -> status.equals("ready") || status.equals("failed"), GENERATION);
        }

        HttpResponse<String> fifth = client.postJson("/v1/tracks", RunnerClient.GUIDED);

        assertThat(fifth.statusCode()).isEqualTo(402);
        assertThat(RunnerClient.json(fifth).at("/error/code").asText()).isEqualTo("quota_exhausted");
        assertThat(RunnerClient.json(fifth).at("/decision").asText()).isEqualTo("BLOCK");
        assertThat(fifth.headers().firstValue("retry-after")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 86_400L));
    }

    @Test
    void twoUserAgents_areTwoCallersWithSeparateQuotas() {
        RunnerClient first = caller();
        RunnerClient second = caller();

        first.requestTrack(RunnerClient.GUIDED);

        assertThat(first.quota().at("/freeRemaining").asInt()).isEqualTo(3);
        assertThat(second.quota().at("/freeRemaining").asInt()).isEqualTo(4);
    }

    @Test
    void sourceAddress_comesFromTheSocket_notFromXForwardedFor() {
        RunnerClient client = caller();
        client.requestTrack(RunnerClient.GUIDED);

        JsonNode spoofed = RunnerClient.json(client.get("/v1/quota", Map.of("X-Forwarded-For", "203.0.113.9")));

        // Same socket address and User-Agent: the same caller, whatever the header claims.
        assertThat(spoofed.at("/freeRemaining").asInt()).isEqualTo(3);
    }

    @Test
    void unknownRoute_is404WithTheJsonErrorShape() {
        HttpResponse<String> response = caller().postJson("/v1/nothing-here", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RunnerClient.json(response).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void webApp_isServedByTheRequestFunction() {
        HttpResponse<String> page = caller().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    void localPages_areServedByMountedHandlers_andUnmountedOnesAre404() {
        HttpResponse<String> mounted = caller().get("/local/hello");
        HttpResponse<String> unmounted = caller().get("/local/elsewhere");

        assertThat(mounted.statusCode()).isEqualTo(200);
        assertThat(mounted.body()).isEqualTo("hello from a local page");
        assertThat(unmounted.statusCode()).isEqualTo(404);
        assertThat(RunnerClient.json(unmounted).at("/error/code").asText()).isEqualTo("not_found");
    }
}
