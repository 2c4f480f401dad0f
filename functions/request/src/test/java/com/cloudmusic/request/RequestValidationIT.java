package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx naming the problem, and nothing is charged or stored. */
@ExtendWith(AwsEmulatorsExtension.class)
class RequestValidationIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON            | {\"mode\":\"guided\",                                              | invalid_request |",
        "not an object             | [1,2,3]                                                            | invalid_request |",
        "empty body                | ''                                                                 | invalid_request |",
        "missing mode              | {\"params\":{\"type\":\"kick\"}}                                   | invalid_request | mode",
        "unknown mode              | {\"mode\":\"expert\"}                                              | invalid_request | mode",
        "wrong type for bpm        | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":\"fast\"}} | invalid_request | params.bpm",
        "bpm too low               | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":69}}    | invalid_request | params.bpm",
        "bpm too high              | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":181}}   | invalid_request | params.bpm",
        "fractional bpm            | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"bpm\":120.5}} | invalid_request | params.bpm",
        "intensity out of range    | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"intensity\":6}} | invalid_request | params.intensity",
        "duration too short        | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"duration\":1}} | invalid_request | params.duration",
        "duration too long         | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"duration\":31}} | invalid_request | params.duration",
        "unknown loop type         | {\"mode\":\"guided\",\"params\":{\"type\":\"flute\"}}              | invalid_request | params.type",
        "missing loop type         | {\"mode\":\"guided\",\"params\":{\"bpm\":120}}                     | invalid_request | params.type",
        "mood not a boolean        | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"dark\":\"yes\"}} | invalid_request | params.dark",
        "bad key                   | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"key\":\"H#m\"}} | invalid_request | params.key",
        "seed not an integer       | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"seed\":1.5}}  | invalid_request | params.seed",
        "unknown top-level field   | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\"},\"admin\":true} | invalid_request | admin",
        "unknown param             | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"volume\":11}} | invalid_request | params.volume",
        "guided param in advanced  | {\"mode\":\"advanced\",\"prompt\":\"deep house\",\"params\":{\"intensity\":2}} | invalid_request | params.intensity",
        "missing prompt            | {\"mode\":\"advanced\"}                                            | invalid_request | prompt",
        "prompt too short          | {\"mode\":\"advanced\",\"prompt\":\"   ab   \"}                    | invalid_request | prompt",
        "prompt not a string       | {\"mode\":\"advanced\",\"prompt\":42}                              | invalid_request | prompt",
        "share not a boolean       | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\"},\"share\":1}   | invalid_request | share",
        "deep nesting              | {\"mode\":\"guided\",\"params\":{\"type\":\"kick\",\"seed\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}} | invalid_request |",
    })
    void post_rejectsBadBodies_with400NamingTheField_andChargesNothing(String name, String body, String code, String field,
            AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = api.post(body);

        assertThat(response.getStatusCode()).as(name).isEqualTo(400);
        JsonNode json = RequestFixture.json(response);
        assertThat(json.at("/error/code").asText()).isEqualTo(code);
        assertThat(json.at("/error/message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at com.");
        if (field != null && !field.isBlank()) {
            assertThat(json.at("/error/field").asText()).isEqualTo(field.trim());
        }
        assertNothingCharged(api);
    }

    @Test
    void post_rejectsAPromptOf501Characters(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = api.post("{\"mode\":\"advanced\",\"prompt\":\"" + "a".repeat(501) + "\"}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/field").asText()).isEqualTo("prompt");
        assertNothingCharged(api);
    }

    @Test
    void post_rejectsAnOversizedBody_with413(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        String body = "{\"mode\":\"advanced\",\"prompt\":\"" + "x".repeat(17 * 1024) + "\"}";

        APIGatewayV2HTTPResponse response = api.post(body);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("payload_too_large");
        assertNothingCharged(api);
    }

    @Test
    void post_rejectsAWrongContentType_with415(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = api.send(ApiEvents.event("POST", "/v1/tracks", RequestFixture.GUIDED,
                RequestFixture.IP, ApiEvents.BROWSER, Map.of("content-type", "text/plain")));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("unsupported_media_type");
        assertNothingCharged(api);
    }

    @Test
    void post_rejectsAMissingUserAgent_with400(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = api.post(RequestFixture.GUIDED, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/field").asText()).isEqualTo("User-Agent");
        assertThat(api.allItems()).isEmpty();
    }

    @Test
    void post_acceptsABase64EncodedBody_asApiGatewaySendsIt(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        var event = ApiEvents.postJson("/v1/tracks",
                Base64.getEncoder().encodeToString(RequestFixture.GUIDED.getBytes(StandardCharsets.UTF_8)),
                RequestFixture.IP, ApiEvents.BROWSER);
        event.setIsBase64Encoded(true);

        assertThat(api.send(event).getStatusCode()).isEqualTo(202);
    }

    @Test
    void get_rejectsABadListLimit_with400(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        assertThat(api.get("/v1/tracks?limit=0").getStatusCode()).isEqualTo(400);
        assertThat(api.get("/v1/tracks?limit=51").getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(api.get("/v1/tracks?limit=abc")).at("/error/field").asText()).isEqualTo("limit");
    }

    @Test
    void get_answers404_forUnknownRoutesAndTracks(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        assertThat(api.get("/v1/nothing-here").getStatusCode()).isEqualTo(404);
        assertThat(api.get("/v1/tracks/3f1c2a9e-8b7d-4c6e-9a51-2d4e6f8a0b1c").getStatusCode()).isEqualTo(404);
        assertThat(api.get("/v1/tracks/not-a-uuid/audio").getStatusCode()).isEqualTo(404);
        assertThat(api.get("/../../etc/passwd").getStatusCode()).isEqualTo(404);
    }

    private static void assertNothingCharged(RequestFixture api) {
        assertThat(api.jobCount()).isZero();
        JsonNode quota = api.quota();
        assertThat(quota.at("/freeRemaining").asInt()).isEqualTo(4);
    }
}
