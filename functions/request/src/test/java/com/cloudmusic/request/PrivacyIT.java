package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Raw IPs and User-Agents are never stored or logged: only the keyed fingerprint. */
@ExtendWith(AwsEmulatorsExtension.class)
class PrivacyIT {

    @Test
    void noItemAndNoLogLine_containsTheIpOrUserAgent(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        api.post(RequestFixture.GUIDED);
        api.post("{\"mode\":\"advanced\",\"prompt\":\"dark techno rumble, 128 BPM\"}");
        api.post("{\"mode\":\"guided\"}");
        api.get("/v1/quota");
        api.get("/v1/tracks");

        String stored = api.allItems().stream().map(Object::toString).collect(Collectors.joining("\n"));
        String logged = String.join("\n", api.log.lines());

        assertThat(api.allItems()).isNotEmpty();
        assertThat(api.log.lines()).hasSize(5);
        for (String text : new String[] {stored, logged}) {
            assertThat(text).doesNotContain(RequestFixture.IP).doesNotContain("Mozilla").doesNotContain("Chrome/126");
        }
        assertThat(logged).contains(api.fingerprint());
    }

    @Test
    void everyRequest_logsOneJsonLine_withTheDecision(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, java.util.Map.of("MAX_ACTIVE_JOBS", "10"));
        for (int i = 0; i < 5; i++) {
            api.post(RequestFixture.GUIDED);
        }

        var lines = api.log.lines();

        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 4)).allMatch(l -> l.contains("\"decision\":\"ALLOW\"") && l.contains("\"correlationId\""));
        assertThat(lines.get(4)).contains("\"decision\":\"BLOCK\"").contains("\"status\":402").contains("\"latencyMs\"");
        assertThat(lines).allMatch(l -> l.startsWith("{\"level\":\"INFO\",\"timestamp\":\"") && l.contains("\"message\":\"request\""));
    }

    @Test
    void everyGenerationRequest_isCounted_byDecisionAndChargeSource(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, java.util.Map.of("MAX_ACTIVE_JOBS", "10"));
        for (int i = 0; i < 5; i++) {
            api.post(RequestFixture.GUIDED);
        }
        api.get("/v1/quota");

        assertThat(api.log.metrics()).allMatch(d -> d.namespace().equals("CloudMusic")
                        && d.name().equals("GenerationsRequested"))
                .extracting(d -> d.dimensions().get("Decision") + "/" + d.dimensions().get("ChargeSource"))
                .containsExactly("ALLOW/free", "ALLOW/free", "ALLOW/free", "ALLOW/free", "BLOCK/none");
    }
}
