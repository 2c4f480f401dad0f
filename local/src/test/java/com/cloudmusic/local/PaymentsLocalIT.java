package com.cloudmusic.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudmusic.testkit.CapturedLog;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money path end to end in the local runner over plain HTTP: a caller out of free loops buys a pack
 * through the local Checkout simulator (which signs a checkout.session.completed and posts it to the
 * real webhook route) and spends the credits, from this browser and from another one holding the key.
 */
class PaymentsLocalIT {

    private static final Duration GENERATION = Duration.ofSeconds(60);
    private static final Pattern FORM = Pattern.compile("<form\\s+method=\"post\"\\s+action=\"([^\"]+/pay)\"[^>]*>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("<input[^>]*\\bname=\"([^\"]+)\"[^>]*\\bvalue=\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static LocalRunner runner;

    @BeforeAll
    static void start() {
        runner = TestRunners.inMemory();
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    void blockedCaller_buysThroughTheSimulator_andSpendsWalletCredits_fromAnyUserAgent() {
        RunnerClient buyer = new RunnerClient(runner.url(), "PaymentsLocalIT/" + UUID.randomUUID());
        for (int i = 0; i < 4; i++) {
            String id = buyer.requestTrack(RunnerClient.GUIDED);
            buyer.awaitTrack(id, status -> status.equals("ready") || status.equals("failed"), GENERATION);
        }
        HttpResponse<String> fifth = buyer.postJson("/v1/tracks", RunnerClient.GUIDED);
        assertThat(fifth.statusCode()).isEqualTo(402);

        // Checkout: the URL of the local simulator, and the key of the wallet that will receive the credits.
        HttpResponse<String> checkout = buyer.postJson("/v1/checkout", "{\"pack\":\"credits-40\"}");
        assertThat(checkout.statusCode()).isEqualTo(200);
        URI checkoutUrl = URI.create(RunnerClient.json(checkout).at("/url").asText());
        String walletKey = RunnerClient.json(checkout).at("/walletKey").asText();
        assertThat(checkoutUrl.getPath()).startsWith("/local/checkout/cs_");
        assertThat(checkoutUrl.getAuthority()).isEqualTo(runner.url().getAuthority());
        assertThat(walletKey).matches("[A-Za-z0-9_-]{22,}");
        String sessionId = checkoutUrl.getPath().substring("/local/checkout/".length());

        // The simulator's page, and its Pay form submitted as the browser would.
        HttpResponse<String> page = buyer.get(checkoutUrl.getPath());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher form = FORM.matcher(page.body());
        assertThat(form.find()).as("a Pay form on the page: %s", page.body()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher field = FIELD.matcher(form.group(2)); field.find(); ) {
            fields.put(field.group(1), field.group(2));
        }
        HttpResponse<String> paid = buyer.postForm(checkoutUrl.resolve(form.group(1)), fields);

        assertThat(paid.statusCode()).isEqualTo(303);
        URI success = checkoutUrl.resolve(paid.headers().firstValue("location").orElseThrow());
        assertThat(success.getPath()).isEqualTo("/");
        assertThat(success.getQuery()).isEqualTo("checkout=success&session_id=" + sessionId);
        assertThat(buyer.get(success.getRawPath() + "?" + success.getRawQuery()).statusCode()).isEqualTo(200);

        JsonNode purchase = RunnerClient.json(buyer.get("/v1/checkout/" + sessionId));
        assertThat(purchase.at("/status").asText()).isEqualTo("paid");
        assertThat(purchase.at("/credits").asInt()).isEqualTo(40);

        // The next request with the key is allowed and spends a wallet credit.
        Map<String, String> withKey = Map.of("X-Wallet-Key", walletKey);
        HttpResponse<String> next = buyer.postJson("/v1/tracks", RunnerClient.GUIDED, withKey);
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(RunnerClient.json(next).at("/charged").asText()).isEqualTo("credit");
        assertThat(RunnerClient.json(next).at("/quota/credits").asInt()).isEqualTo(39);
        // The credits are the wallet's, not the fingerprint's: without the key this caller is still out.
        assertThat(buyer.postJson("/v1/tracks", RunnerClient.GUIDED).statusCode()).isEqualTo(402);

        // Another browser (another fingerprint) holding the key sees and spends the same credits.
        RunnerClient elsewhere = new RunnerClient(runner.url(), "PaymentsLocalIT-other-device/" + UUID.randomUUID());
        JsonNode quota = RunnerClient.json(elsewhere.get("/v1/quota", withKey));
        assertThat(quota.at("/credits").asInt()).isEqualTo(39);
        assertThat(quota.at("/freeRemaining").asInt()).isEqualTo(4);
        HttpResponse<String> spent = elsewhere.postJson("/v1/tracks", RunnerClient.GUIDED, withKey);
        assertThat(spent.statusCode()).isEqualTo(202);
        assertThat(RunnerClient.json(spent).at("/charged").asText()).isEqualTo("credit");
        assertThat(RunnerClient.json(elsewhere.get("/v1/quota", withKey)).at("/credits").asInt()).isEqualTo(38);
        assertThat(RunnerClient.json(buyer.get("/v1/quota", withKey)).at("/credits").asInt()).isEqualTo(38);
    }

    @Test
    void unknownWalletKey_is400_andChargesNothing() {
        RunnerClient caller = new RunnerClient(runner.url(), "PaymentsLocalIT/" + UUID.randomUUID());

        HttpResponse<String> response = caller.postJson("/v1/tracks", RunnerClient.GUIDED,
                Map.of("X-Wallet-Key", "not-a-wallet-key-anyone-was-given"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RunnerClient.json(response).at("/error/code").asText()).isEqualTo("invalid_wallet_key");
        assertThat(caller.quota().at("/freeRemaining").asInt()).isEqualTo(4);
    }
}
