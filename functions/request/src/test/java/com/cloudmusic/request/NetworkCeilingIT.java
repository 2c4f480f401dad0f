package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §4.7: free units have a daily pool per source network, whatever User-Agents it rotates through. */
@ExtendWith(AwsEmulatorsExtension.class)
class NetworkCeilingIT {

    private APIGatewayV2HTTPResponse post(RequestFixture api, String ip, String userAgent) {
        return api.send(ApiEvents.postJson("/v1/tracks", RequestFixture.GUIDED, ip, userAgent));
    }

    @Test
    void post_blocksFreeUnitsBeyondTheNetworksPool_withItsOwnCode_whateverTheUserAgent(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of("FREE_DAILY_NETWORK_LIMIT", "6", "MAX_ACTIVE_JOBS", "10"));
        for (int i = 0; i < 4; i++) {
            assertThat(post(api, RequestFixture.IP, "agent-1").getStatusCode()).isEqualTo(202);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(post(api, RequestFixture.IP, "agent-2").getStatusCode()).isEqualTo(202);
        }

        APIGatewayV2HTTPResponse blocked = post(api, RequestFixture.IP, "agent-2");

        assertThat(blocked.getStatusCode()).isEqualTo(402);
        JsonNode body = RequestFixture.json(blocked);
        assertThat(body.at("/error/code").asText()).isEqualTo("network_quota_exhausted");
        assertThat(body.at("/error/message").asText()).contains("network");
        assertThat(body.at("/decision").asText()).isEqualTo("BLOCK");
        assertThat(blocked.getHeaders()).containsEntry("retry-after", "50400");
        assertThat(post(api, "203.0.113.9", "agent-2").getStatusCode()).isEqualTo(202);
        assertThat(api.jobCount()).isEqualTo(7);
    }

    @Test
    void post_countsOneIpv6Slash64AsOneNetwork(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of("FREE_DAILY_NETWORK_LIMIT", "2"));
        assertThat(post(api, "2001:db8:1:2::1", "agent-1").getStatusCode()).isEqualTo(202);
        assertThat(post(api, "2001:db8:1:2:aaaa::7", "agent-2").getStatusCode()).isEqualTo(202);

        assertThat(post(api, "2001:db8:1:2:ffff::1", "agent-3").getStatusCode()).isEqualTo(402);
        assertThat(post(api, "2001:db8:1:3::1", "agent-3").getStatusCode()).isEqualTo(202);
    }

    @Test
    void post_spendsCredits_whenTheNetworksFreePoolIsSpent(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of("FREE_DAILY_NETWORK_LIMIT", "1"));
        api.addCredits(2);
        assertThat(post(api, RequestFixture.IP, "someone-else").getStatusCode()).isEqualTo(202);

        APIGatewayV2HTTPResponse paid = api.post(RequestFixture.GUIDED);

        assertThat(paid.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(paid).at("/charged").asText()).isEqualTo("credit");
    }

    @Test
    void post_acceptsExactlyThePool_of40ParallelRequestsFrom8UserAgents(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack, Map.of("FREE_DAILY_NETWORK_LIMIT", "6", "MAX_ACTIVE_JOBS", "100"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String agent = "agent-" + (i % 8);
                calls.add(() -> post(api, RequestFixture.IP, agent).getStatusCode());
            }
            for (Future<Integer> future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(6);
        assertThat(statuses).filteredOn(s -> s != 202).allMatch(s -> s == 402 || s == 429);
        assertThat(api.jobCount()).isEqualTo(6);
    }
}
