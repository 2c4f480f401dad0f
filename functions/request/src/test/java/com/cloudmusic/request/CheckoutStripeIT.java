package com.cloudmusic.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.testkit.AwsEmulatorsExtension;
import com.cloudmusic.emulators.AwsStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /v1/checkout} against MockWebServer standing in for the Stripe API (answers shaped as
 * Stripe documents them), with the purchase recorded on DynamoDB Local.
 */
@ExtendWith(AwsEmulatorsExtension.class)
class CheckoutStripeIT {

    private static final String KEY = "sk_test_51Abc0123456789xyz";
    private static final String PACK = "{\"pack\":\"credits-40\"}";
    private static final String SESSION_JSON = "{\"id\":\"cs_test_a1B2c3\",\"object\":\"checkout.session\","
            + "\"amount_total\":400,\"currency\":\"usd\",\"mode\":\"payment\",\"payment_status\":\"unpaid\","
            + "\"status\":\"open\",\"url\":\"https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0\"}";

    private final MockWebServer stripe = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        stripe.start();
    }

    @AfterEach
    void stop() throws IOException {
        stripe.shutdown();
    }

    private RequestFixture api(AwsStack stack, Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STRIPE_SECRET_KEY", KEY);
        env.put("STRIPE_BASE_URL", stripe.url("/").toString());
        env.putAll(extraEnv);
        return new RequestFixture(stack, env);
    }

    private static MockResponse stripeJson(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("content-type", "application/json")
                .setHeader("request-id", "req_test123").setBody(body);
    }

    @Test
    void checkout_sendsThePackFromTheCatalogueAndTheWalletToStripe(AwsStack stack) throws Exception {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = RequestFixture.json(response);
        assertThat(body.at("/url").asText()).startsWith("https://checkout.stripe.com/c/pay/cs_test_a1B2c3");
        String walletKey = body.at("/walletKey").asText();
        assertThat(walletKey).matches("[A-Za-z0-9_-]{43}");
        RecordedRequest sent = stripe.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getMethod()).isEqualTo("POST");
        assertThat(sent.getPath()).isEqualTo("/v1/checkout/sessions");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        Map<String, String> form = form(sent.getBody().readUtf8());
        assertThat(form).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][unit_amount]", "400")
                .containsEntry("line_items[0][price_data][currency]", "usd")
                .containsEntry("line_items[0][price_data][product_data][name]", "40 credits")
                .containsEntry("client_reference_id", RequestFixture.hash(walletKey))
                .containsEntry("metadata[walletHash]", RequestFixture.hash(walletKey))
                .containsEntry("metadata[pack]", "credits-40")
                .containsEntry("metadata[fingerprint]", api.fingerprint())
                .containsEntry("success_url", "http://localhost/?checkout=success&session_id={CHECKOUT_SESSION_ID}")
                .containsEntry("cancel_url", "http://localhost/?checkout=cancel");
        assertThat(form.values()).noneMatch(value -> value.contains(walletKey));
    }

    @Test
    void checkout_recordsThePendingPurchaseAndCreatesTheWallet(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON));

        String walletKey = RequestFixture.json(api.checkout(PACK, Map.of())).at("/walletKey").asText();

        assertThat(api.walletCredits(walletKey)).isZero();
        JsonNode status = RequestFixture.json(api.get("/v1/checkout/cs_test_a1B2c3"));
        assertThat(status.at("/status").asText()).isEqualTo("pending");
        assertThat(status.at("/credits").asInt()).isEqualTo(40);
    }

    @Test
    void checkout_sendsAFreshIdempotencyKeyPerAttempt(AwsStack stack) throws Exception {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON));
        stripe.enqueue(stripeJson(200, SESSION_JSON.replace("cs_test_a1B2c3", "cs_test_d4E5f6")));

        api.checkout(PACK, Map.of());
        api.checkout(PACK, Map.of());

        String first = stripe.takeRequest(5, TimeUnit.SECONDS).getHeader("Idempotency-Key");
        String second = stripe.takeRequest(5, TimeUnit.SECONDS).getHeader("Idempotency-Key");
        assertThat(first).startsWith("checkout-");
        assertThat(second).startsWith("checkout-").isNotEqualTo(first);
    }

    @Test
    void checkout_returnsToThePublicBaseUrl_whenConfigured(AwsStack stack) throws Exception {
        RequestFixture api = api(stack, Map.of("PUBLIC_BASE_URL", "https://loops.example.com/"));
        stripe.enqueue(stripeJson(200, SESSION_JSON));

        api.checkout(PACK, Map.of());

        Map<String, String> form = form(stripe.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(form).containsEntry("success_url",
                "https://loops.example.com/?checkout=success&session_id={CHECKOUT_SESSION_ID}")
                .containsEntry("cancel_url", "https://loops.example.com/?checkout=cancel");
    }

    @Test
    void checkout_topsUpTheWalletWhoseKeyIsSent(AwsStack stack) throws Exception {
        RequestFixture api = api(stack, Map.of());
        String walletKey = "existingWalletKey_0123456789abcdefghij";
        api.fundWallet(walletKey, 5);
        stripe.enqueue(stripeJson(200, SESSION_JSON));

        JsonNode body = RequestFixture.json(api.checkout(PACK, Map.of("x-wallet-key", walletKey)));

        assertThat(body.at("/walletKey").asText()).isEqualTo(walletKey);
        Map<String, String> form = form(stripe.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
        assertThat(form).containsEntry("client_reference_id", RequestFixture.hash(walletKey));
        assertThat(api.itemCount("wallet#")).isEqualTo(1);
        assertThat(api.walletCredits(walletKey)).isEqualTo(5);
    }

    @Test
    void checkout_answers502_whenStripeRejectsTheRequest(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(400, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"parameter_invalid_integer\","
                + "\"param\":\"line_items[0][price_data][unit_amount]\",\"message\":\"Invalid integer: -1\"}}"));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertFailedWithNothingRecorded(api, response, 502, "payments_error", "HTTP 400");
        assertThat(api.log.lines()).anyMatch(line -> line.contains("parameter_invalid_integer") && line.contains("req_test123"));
    }

    @Test
    void checkout_answers502_whenStripeRejectsOurKey(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(401, "{\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Invalid API Key provided: sk_test_****9xyz\"}}"));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertFailedWithNothingRecorded(api, response, 502, "payments_error", "API key");
        assertThat(response.getBody()).doesNotContain("sk_test");
    }

    @Test
    void checkout_answers503_whenStripeRateLimits(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(429, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\","
                + "\"message\":\"Too many requests hit the API too quickly.\"}}"));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertFailedWithNothingRecorded(api, response, 503, "payments_unavailable", "429");
    }

    @Test
    void checkout_answers503_whenStripeFails(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong on Stripe's end.\"}}"));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertFailedWithNothingRecorded(api, response, 503, "payments_unavailable", "HTTP 500");
    }

    @Test
    void checkout_answers503_whenStripeCannotBeReached(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertFailedWithNothingRecorded(api, response, 503, "payments_unavailable", "no answer");
    }

    @Test
    void checkout_rejectsAnUnknownPack_withoutCallingStripe(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        APIGatewayV2HTTPResponse response = api.checkout("{\"pack\":\"credits-9999\"}", Map.of());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/field").asText()).isEqualTo("pack");
        assertThat(stripe.getRequestCount()).isZero();
    }

    @Test
    void checkout_rejectsUnknownFields(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        APIGatewayV2HTTPResponse response = api.checkout("{\"pack\":\"credits-40\",\"credits\":1000}", Map.of());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/field").asText()).isEqualTo("credits");
        assertThat(stripe.getRequestCount()).isZero();
    }

    @Test
    void checkout_rejectsAnUnknownWalletKey_withoutCallingStripe(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of("x-wallet-key", "noSuchWalletKey_0123456789abcdefghij"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("invalid_wallet_key");
        assertThat(stripe.getRequestCount()).isZero();
        assertThat(api.itemCount("wallet#")).isZero();
    }

    @Test
    void status_saysExpired_whenStripeExpiredTheSession(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON));
        api.checkout(PACK, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON.replace("\"status\":\"open\"", "\"status\":\"expired\"")));

        JsonNode status = RequestFixture.json(api.get("/v1/checkout/cs_test_a1B2c3"));

        assertThat(status.at("/status").asText()).isEqualTo("expired");
    }

    @Test
    void status_staysPending_whenStripeCannotBeAsked(AwsStack stack) {
        RequestFixture api = api(stack, Map.of());
        stripe.enqueue(stripeJson(200, SESSION_JSON));
        api.checkout(PACK, Map.of());
        stripe.enqueue(stripeJson(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Something went wrong.\"}}"));

        APIGatewayV2HTTPResponse response = api.get("/v1/checkout/cs_test_a1B2c3");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(RequestFixture.json(response).at("/status").asText()).isEqualTo("pending");
    }

    @Test
    void checkout_answers503_whenNoStripeKeyIsConfigured(AwsStack stack) {
        RequestFixture api = new RequestFixture(stack);

        APIGatewayV2HTTPResponse response = api.checkout(PACK, Map.of());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(RequestFixture.json(response).at("/error/code").asText()).isEqualTo("payments_unavailable");
        assertThat(api.itemCount("wallet#")).isZero();
    }

    private static void assertFailedWithNothingRecorded(RequestFixture api, APIGatewayV2HTTPResponse response, int status,
            String code, String messagePart) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode body = RequestFixture.json(response);
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).contains(messagePart).contains("Nothing was charged");
        assertThat(api.itemCount("checkout#")).isZero();
        assertThat(api.itemCount("wallet#")).isZero();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
