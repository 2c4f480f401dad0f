package com.cloudmusic.stripe;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudmusic.access.Fingerprinter;
import com.cloudmusic.aws.DynamoPurchases;
import com.cloudmusic.aws.DynamoWallets;
import com.cloudmusic.billing.BillingService;
import com.cloudmusic.billing.PackCatalogue;
import com.cloudmusic.billing.Purchase;
import com.cloudmusic.config.Env;
import com.cloudmusic.json.Json;
import com.cloudmusic.testkit.ApiEvents;
import com.cloudmusic.emulators.AwsStack;
import com.cloudmusic.testkit.CapturedLog;
import com.cloudmusic.testkit.OpenApiContract;
import com.cloudmusic.testkit.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The webhook function wired for real against one emulator stack, with events signed as Stripe signs them. */
final class WebhookFixture {
    static final String SECRET = "whsec_test_secret_0123456789abcdef";
    static final String FINGERPRINT_SECRET = "test-fingerprint-secret-0123456789";
    static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    /** A wallet key as the checkout hands it out, and the hash it is stored under. */
    static final String WALLET_KEY = "dGVzdC13YWxsZXQta2V5LTAxMjM0NTY3ODlhYmNkZWY";
    static final String WALLET_HASH = new Fingerprinter(FINGERPRINT_SECRET.getBytes(StandardCharsets.UTF_8)).hmacHex(WALLET_KEY);
    static final String FINGERPRINT = "fp-test";

    final AwsStack stack;
    final MutableClock clock = new MutableClock(NOW);
    final CapturedLog log = new CapturedLog();
    final StripeWebhookFunction function;
    final DynamoPurchases purchases;
    final DynamoWallets wallets;

    WebhookFixture(AwsStack stack) {
        this.stack = stack;
        Map<String, String> env = new HashMap<>(stack.environment());
        env.put("STRIPE_WEBHOOK_SECRET", SECRET);
        this.function = new StripeWebhookFunction(WebhookWiring.from(new Env(env), clock, log.log()));
        this.purchases = new DynamoPurchases(stack.dynamoDb(), stack.tableName());
        this.wallets = new DynamoWallets(stack.dynamoDb(), stack.tableName());
    }

    /** A pending purchase of the default pack into the test wallet, as POST /v1/checkout records it. */
    void openCheckout(String sessionId) {
        wallets.create(WALLET_HASH, NOW, NOW.plus(BillingService.UNPAID_LIFETIME));
        purchases.recordPending(Purchase.pending(sessionId, WALLET_HASH, FINGERPRINT, PackCatalogue.DEFAULT_PACK, NOW),
                NOW.plus(BillingService.UNPAID_LIFETIME));
    }

    static String checkoutCompleted(String eventId, String sessionId, String paymentStatus, String paymentIntent) {
        return event(eventId, "checkout.session.completed", session(sessionId, paymentStatus, paymentIntent));
    }

    static String asyncPaymentSucceeded(String eventId, String sessionId, String paymentIntent) {
        return event(eventId, "checkout.session.async_payment_succeeded", session(sessionId, "paid", paymentIntent));
    }

    static String asyncPaymentFailed(String eventId, String sessionId) {
        return event(eventId, "checkout.session.async_payment_failed", session(sessionId, "unpaid", "pi_failed"));
    }

    static String chargeRefunded(String eventId, String paymentIntent) {
        return event(eventId, "charge.refunded", "{\"id\":\"ch_3Qx1\",\"object\":\"charge\",\"amount\":400,"
                + "\"amount_refunded\":400,\"currency\":\"usd\",\"paid\":true,\"refunded\":true,"
                + "\"payment_intent\":\"" + paymentIntent + "\",\"status\":\"succeeded\"}");
    }

    static String disputeCreated(String eventId, String paymentIntent) {
        return event(eventId, "charge.dispute.created", "{\"id\":\"du_1Qx1\",\"object\":\"dispute\",\"amount\":400,"
                + "\"charge\":\"ch_3Qx1\",\"currency\":\"usd\",\"payment_intent\":\"" + paymentIntent + "\","
                + "\"reason\":\"fraudulent\",\"status\":\"needs_response\"}");
    }

    static String session(String sessionId, String paymentStatus, String paymentIntent) {
        return "{\"id\":\"" + sessionId + "\",\"object\":\"checkout.session\",\"amount_total\":400,\"currency\":\"usd\","
                + "\"client_reference_id\":\"" + WALLET_HASH + "\",\"metadata\":{\"walletHash\":\"" + WALLET_HASH
                + "\",\"pack\":\"credits-40\",\"fingerprint\":\"" + FINGERPRINT + "\"},\"mode\":\"payment\","
                + "\"payment_intent\":\"" + paymentIntent + "\",\"payment_status\":\"" + paymentStatus + "\","
                + "\"status\":\"complete\"}";
    }

    static String event(String eventId, String type, String objectJson) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\","
                + "\"created\":1795515330,\"data\":{\"object\":" + objectJson + "},\"livemode\":false,"
                + "\"pending_webhooks\":1,\"request\":{\"id\":null,\"idempotency_key\":null},\"type\":\"" + type + "\"}";
    }

    /** Signed now with the endpoint's secret, as Stripe signs. */
    APIGatewayV2HTTPResponse deliver(String payload) {
        return deliver(payload, signature(payload, SECRET, clock.instant().getEpochSecond()));
    }

    APIGatewayV2HTTPResponse deliver(String payload, String signatureHeader) {
        Map<String, String> headers = signatureHeader == null ? Map.of() : Map.of("stripe-signature", signatureHeader);
        APIGatewayV2HTTPEvent event = webhookEvent(payload, headers);
        APIGatewayV2HTTPResponse response = function.handleRequest(event, null);
        // Every answer is checked against openapi.yaml.
        OpenApiContract.get().verify(event, response);
        return response;
    }

    static APIGatewayV2HTTPEvent webhookEvent(String payload, Map<String, String> headers) {
        return ApiEvents.event("POST", "/v1/stripe/webhook", payload, "3.18.12.63",
                "Stripe/1.0 (+https://stripe.com/docs/webhooks)", merge(headers, Map.of("content-type", "application/json")));
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    static String signature(String payload, String secret, long timestamp) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, secret, timestamp);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long walletCredits() {
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("wallet#" + WALLET_HASH), "sk", AttributeValue.fromS("wallet")))
                .consistentRead(true)).item();
        return item == null || !item.containsKey("credits") ? 0 : Long.parseLong(item.get("credits").n());
    }

    Purchase purchase(String sessionId) {
        return purchases.find(sessionId).orElseThrow();
    }

    List<Map<String, AttributeValue>> allItems() {
        return stack.dynamoDb().scan(s -> s.tableName(stack.tableName()).consistentRead(true)).items();
    }

    /** Every item as pk/sk → attributes, to compare the table before and after a rejected delivery. */
    Map<String, Map<String, AttributeValue>> snapshot() {
        return allItems().stream().collect(Collectors.toMap(i -> i.get("pk").s() + "/" + i.get("sk").s(), i -> i));
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }
}
