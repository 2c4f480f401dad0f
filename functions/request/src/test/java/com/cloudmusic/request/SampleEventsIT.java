package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample events in events/ (the same files `sam local invoke -e` uses) drive the real handler on
 * the emulators, so the files stay realistic and the handler reads API Gateway's real shape.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class SampleEventsIT {

    @Test
    void guidedPostEvent_isAccepted(AwsStack stack) {
        APIGatewayV2HTTPResponse response = handle(stack, "events/http-post-track-guided.json");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(response).at("/track/bpm").asInt()).isEqualTo(124);
        assertThat(RequestFixture.json(response).at("/track/key").asText()).isEqualTo("F#m");
    }

    @Test
    void advancedPostEvent_readsTempoAndLengthFromThePrompt(AwsStack stack) {
        APIGatewayV2HTTPResponse response = handle(stack, "events/http-post-track-advanced.json");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(response).at("/track/bpm").asInt()).isEqualTo(114);
        // 14 s at 114 BPM is 6.65 bars: of the phrases 4 (8.4 s) and 8 (16.8 s), 8 is nearer by ratio.
        assertThat(RequestFixture.json(response).at("/track/bars").asInt()).isEqualTo(8);
        assertThat(RequestFixture.json(response).at("/track/seed").asText()).isEqualTo("42");
    }

    @Test
    void quotaEvent_answersTheAllowance(AwsStack stack) {
        assertThat(RequestFixture.json(handle(stack, "events/http-get-quota.json")).at("/freeLimit").asInt()).isEqualTo(4);
    }

    @Test
    void listEvent_answersAnEmptyList(AwsStack stack) {
        APIGatewayV2HTTPResponse response = handle(stack, "events/http-list-tracks.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(RequestFixture.json(response).at("/tracks").isArray()).isTrue();
    }

    @Test
    void trackEvents_answer404_forATrackThatDoesNotExist(AwsStack stack) {
        assertThat(handle(stack, "events/http-get-track.json").getStatusCode()).isEqualTo(404);
        assertThat(handle(stack, "events/http-get-track-audio.json").getStatusCode()).isEqualTo(404);
        assertThat(handle(stack, "events/http-get-track-waveform.json").getStatusCode()).isEqualTo(404);
    }

    @Test
    void indexEvent_servesTheWebApp(AwsStack stack) {
        APIGatewayV2HTTPResponse response = handle(stack, "events/http-get-index.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("content-type")).startsWith("text/html");
        assertThat(response.getBody()).contains("<html");
    }

    private static APIGatewayV2HTTPResponse handle(AwsStack stack, String file) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(file);
        return new RequestFixture(stack).send(event);
    }
}
