package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SPEC §4 on real DynamoDB Local: free allowance per UTC day, credits first, atomic charging. */
@ExtendWith(AwsEmulatorsExtension.class)
class QuotaIT {

    @Test
    void post_blocksFifthFreeGeneration_with402AndRetryAfter(AwsStack stack) {
        // No generate function runs here, so jobs stay queued: lift the in-flight limit for this rule.
        RequestFixture api = new RequestFixture(stack, Map.of("MAX_ACTIVE_JOBS", "10"));
        for (int i = 0; i < 4; i++) {
            assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
        }

        APIGatewayV2HTTPResponse fifth = api.post(RequestFixture.GUIDED);

        assertThat(fifth.getStatusCode()).isEqualTo(402);
        JsonNode body = RequestFixture.json(fifth);
        assertThat(body.at("/error/code").asText()).isEqualTo("quota_exhausted");
        assertThat(body.at("/decision").asText()).isEqualTo("BLOCK");
        assertThat(body.at("/quota/freeRemaining").asInt()).isZero();
        // 10:00 UTC: 14 hours to the next UTC midnight.
        assertThat(fifth.getHeaders()).containsEntry("retry-after", Long.toString(Duration.ofHours(14).toSeconds()));
        assertThat(api.jobCount()).isEqualTo(4);
    }

    @Test
    void post_allowsAgain_onTheNextUtcDay(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack, Map.of("MAX_ACTIVE_JOBS", "10"));
        for (int i = 0; i < 4; i++) {
            api.post(RequestFixture.GUIDED);
        }
        assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(402);
        api.clock.set(Instant.parse("2026-11-25T00:00:01Z"));

        APIGatewayV2HTTPResponse response = api.post(RequestFixture.GUIDED);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(RequestFixture.json(response).at("/charged").asText()).isEqualTo("free");
        assertThat(RequestFixture.json(response).at("/quota/freeRemaining").asInt()).isEqualTo(3);
    }

    @Test
    void post_spendsCreditsBeforeTheFreeAllowance(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        api.addCredits(2);

        JsonNode first = RequestFixture.json(api.post(RequestFixture.GUIDED));
        JsonNode second = RequestFixture.json(api.post(RequestFixture.GUIDED));
        JsonNode third = RequestFixture.json(api.post(RequestFixture.GUIDED));

        assertThat(first.at("/charged").asText()).isEqualTo("credit");
        assertThat(second.at("/charged").asText()).isEqualTo("credit");
        assertThat(second.at("/quota/credits").asInt()).isZero();
        assertThat(second.at("/quota/freeRemaining").asInt()).isEqualTo(4);
        assertThat(third.at("/charged").asText()).isEqualTo("free");
        assertThat(third.at("/quota/freeRemaining").asInt()).isEqualTo(3);
    }

    @Test
    void post_acceptsExactlyFour_of50ParallelRequests_withNoCredits(AwsStack stack) throws Exception {
        // The active-job limit is lifted so that only the free allowance decides.
        RequestFixture api = new RequestFixture(stack, Map.of("MAX_ACTIVE_JOBS", "100"));

        List<Integer> statuses = parallelPosts(api, 50);

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(4);
        assertThat(statuses).filteredOn(s -> s != 202).allMatch(s -> s == 402 || s == 429);
        assertThat(api.jobCount()).isEqualTo(4);
        assertThat(api.quota().at("/freeRemaining").asInt()).isZero();
    }

    @Test
    void post_acceptsAtMostThreeActiveJobs_of50ParallelRequests(AwsStack stack) throws Exception {
        RequestFixture api = new RequestFixture(stack);

        List<Integer> statuses = parallelPosts(api, 50);

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(3);
        assertThat(statuses).filteredOn(s -> s != 202).allMatch(s -> s == 429 || s == 402);
        assertThat(api.quota().at("/freeRemaining").asInt()).isEqualTo(1);
    }

    @Test
    void post_answers429_whenThreeJobsAreInFlight(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(RequestFixture.GUIDED).getStatusCode()).isEqualTo(202);
        }

        APIGatewayV2HTTPResponse fourth = api.post(RequestFixture.GUIDED);

        assertThat(fourth.getStatusCode()).isEqualTo(429);
        assertThat(RequestFixture.json(fourth).at("/error/code").asText()).isEqualTo("too_many_active_jobs");
        assertThat(api.quota().at("/freeRemaining").asInt()).isEqualTo(1);
    }

    @Test
    void quota_showsTheFullAllowance_forANewCaller(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        JsonNode quota = api.quota();

        assertThat(quota.at("/freeLimit").asInt()).isEqualTo(4);
        assertThat(quota.at("/freeRemaining").asInt()).isEqualTo(4);
        assertThat(quota.at("/credits").asInt()).isZero();
        assertThat(quota.at("/resetsAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
    }

    private static List<Integer> parallelPosts(RequestFixture api, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(() -> api.post(RequestFixture.GUIDED).getStatusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
